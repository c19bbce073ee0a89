"""The officials' workbench over the records: locate a citation in its source file, document
outlines, the filterable 分工 task table with CSV/XLSX export, and answer feedback.

Depends on store/ (RecordsDB) and the shared text normalization only, so the API and the UI
both use it without importing each other.
"""

from assistant.workbench.documents import document_list, document_outline
from assistant.workbench.feedback import FeedbackEntry, FeedbackStore, feedback_to_eval
from assistant.workbench.sources import SourceLocator, SourceView
from assistant.workbench.task_table import (COLUMNS, TaskFilter, filter_tasks, task_rows, to_csv,
                                            to_xlsx)

__all__ = ["COLUMNS", "FeedbackEntry", "FeedbackStore", "SourceLocator", "SourceView",
           "TaskFilter", "document_list", "document_outline", "feedback_to_eval",
           "filter_tasks", "task_rows", "to_csv", "to_xlsx"]
