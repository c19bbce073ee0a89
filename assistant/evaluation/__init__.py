"""Evaluation: score the assistant on an eval question file (DESIGN.md format)."""

from assistant.evaluation.questions import (EvalQuestion, Expected, ExpectedCitation,
                                            QuestionFileError, load_questions)
from assistant.evaluation.runner import EvalRunError, main, run_eval
from assistant.evaluation.scoring import QuestionScore, metrics_by_type, score_question

__all__ = [
    "EvalQuestion", "EvalRunError", "Expected", "ExpectedCitation", "QuestionFileError",
    "QuestionScore", "load_questions", "main", "metrics_by_type", "run_eval", "score_question",
]
