"""Request and response models of the HTTP API (the Answer shape is fixed by DESIGN.md)."""

from __future__ import annotations

import unicodedata
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field

MODEL_ID = "policy-assistant"

_ASK_EXAMPLES = [
    {"question": "谁负责粮食产量？"},
    {"question": "配合单位有哪些？",
     "history": [{"role": "user", "content": "谁负责粮食产量？"},
                 {"role": "assistant", "content": "粮食产量相关任务由省农业农村厅牵头……"}]},
    {"question": "菜篮子工作谁牵头？", "scope": "穗府〔2024〕1号"},
]


# ---- input hygiene --------------------------------------------------------------------

def check_text(value: str) -> str:
    """Reject text no answer can be built from: lone surrogates (not Unicode text; they
    cannot be encoded as UTF-8) and control characters other than tab and newline.
    Zero-width and other format characters are allowed: normalization drops them."""
    for i, ch in enumerate(value):
        category = unicodedata.category(ch)
        if category == "Cs":
            raise ValueError(f"contains a lone surrogate U+{ord(ch):04X} at position {i}, which is "
                             "not valid Unicode text; send the text as UTF-8")
        if category == "Cc" and ch not in "\t\n\r":
            raise ValueError(f"contains the control character U+{ord(ch):04X} at position {i}; "
                             "remove it")
    return value


CleanStr = Annotated[str, AfterValidator(check_text)]


# ---- errors ---------------------------------------------------------------------------

class ErrorDetail(BaseModel):
    type: str = Field(examples=["InvalidQuestionError"])
    message: str = Field(examples=["question is empty after stripping whitespace"])


class ErrorResponse(BaseModel):
    """Every error response has this body."""

    error: ErrorDetail


# ---- /api/ask --------------------------------------------------------------------------

class HistoryTurn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    role: Literal["user", "assistant"] = Field(description="who said it")
    content: CleanStr = Field(max_length=20_000, description="what was said")


class AskRequest(BaseModel):
    """A question, earlier turns of the conversation (oldest first) and an optional scope."""

    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": _ASK_EXAMPLES})

    question: CleanStr = Field(
        description="1 to max_question_chars (default 500) characters after stripping")
    history: list[HistoryTurn] = Field(
        default_factory=list,
        description="earlier turns, oldest first; at most max_history_turns (default 20)")
    scope: CleanStr | None = Field(
        default=None, description="limit the search to one doc_id (see GET /api/documents)")


class CitationOut(BaseModel):
    doc_id: str = Field(examples=["粤府〔2023〕18号"])
    doc_title: str
    task_no: str | None = Field(default=None, examples=["10"])
    section: str = ""
    text: str = Field(description="verbatim source text the answer rests on")
    score: float = 0.0
    highlight: str = Field(default="", description="the sentence(s) of text that answer the question")
    kind: str = Field(default="", description="passage kind: task, annex, section, table_row, article, …")
    display: str = Field(default="", description="a labelled rendering where text is hard to read (table cells)")


class AnswerResponse(BaseModel):
    """The Answer contract of DESIGN.md (Answer.to_dict())."""

    model_config = ConfigDict(json_schema_extra={"examples": [{
        "answer": "粮食产量相关任务由省农业农村厅牵头，……",
        "answerable": True,
        "citations": [{"doc_id": "粤府〔2023〕18号", "doc_title": "广东省人民政府关于印发……",
                       "task_no": "10", "section": "一、2023年经济社会发展主要预期目标",
                       "text": "粮食产量……", "score": 0.93}],
        "records": [], "latency_ms": 12.3, "resolved_question": "谁负责粮食产量？",
        "intent": "responsibility"}]})

    answer: str
    answerable: bool
    citations: list[CitationOut] = Field(default_factory=list)
    records: list[dict[str, Any]] = Field(default_factory=list)
    latency_ms: float = 0.0
    resolved_question: str = ""
    intent: str = ""
    answer_markdown: str = Field(default="", description="the answer rendered for a Markdown UI: sources "
                                 "with document titles, verbatim text, the answering sentence in bold")


# ---- /api/documents, /api/tasks -------------------------------------------------------

class DocumentOut(BaseModel):
    model_config = ConfigDict(extra="allow")

    doc_id: str = Field(examples=["粤府〔2023〕18号"])
    title: str = ""


class DocumentsResponse(BaseModel):
    documents: list[DocumentOut]
    total: int


class TasksResponse(BaseModel):
    """One page of task records (Task.to_dict()), filtered; `total` counts all matches."""

    total: int
    page: int
    page_size: int
    items: list[dict[str, Any]]


class SourceResponse(BaseModel):
    """A citation located in its source file (GET /api/source)."""

    model_config = ConfigDict(json_schema_extra={"examples": [{
        "doc_id": "粤府〔2023〕18号", "doc_title": "广东省人民政府关于印发……", "issuer": "广东省人民政府",
        "year": 2023, "level": "省", "source_file": "001_12b2ee999df5f0c2.txt", "span": [867, 922],
        "before": "一、2023年经济社会发展主要预期目标\n", "cited": "10. 粮食产量1268万吨以上。……",
        "after": "11. ……", "task_no": "10", "section": "一、2023年经济社会发展主要预期目标",
        "label": "任务第10项", "anchor": "task-10", "exact": True}]})

    doc_id: str
    doc_title: str
    issuer: str = ""
    year: int = 0
    level: str = ""
    source_file: str
    span: list[int] = Field(description="raw char span of `cited` in source_file")
    before: str = Field(description="source text just before the cited span")
    cited: str = Field(description="the cited span, verbatim")
    after: str = Field(description="source text just after the cited span")
    task_no: str | None = None
    section: str = ""
    label: str = ""
    anchor: str = Field("", description="id of the part in the document view, e.g. task-10")
    exact: bool = Field(True, description="false: text not found verbatim, the section is shown")
    focus: list[int] = Field(default_factory=lambda: [0, 0],
                             description="[start, end) in `cited` of the answering sentences "
                                         "(`highlight`), [0, 0] when none")


class DocumentDetail(BaseModel):
    """One document with its structure (GET /api/documents/{doc_id})."""

    model_config = ConfigDict(extra="allow")

    doc_id: str
    title: str = ""
    issuer: str = ""
    year: int = 0
    level: str = ""
    items: list[dict[str, Any]] = Field(
        description="headings, sections and tasks in reading order, each with `type`, "
                    "`anchor` (task-10, sec-3) and `depth`")


# ---- /api/feedback ---------------------------------------------------------------------

class FeedbackRequest(BaseModel):
    """A rating of one answer. `comment` is optional, at most 2000 characters."""

    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [{
        "rating": "up", "comment": "来源准确", "question": "谁负责粮食产量？", "history": [],
        "resolved_question": "谁负责粮食产量？", "answer": "粮食产量……由省农业农村厅牵头。",
        "answerable": True, "citations": [{"doc_id": "粤府〔2023〕18号", "doc_title": "……",
                                           "task_no": "10", "section": "", "text": "……"}]}]})

    rating: Literal["up", "down"]
    comment: str | None = Field(default=None, description="optional, at most 2000 characters")
    question: str = Field(min_length=1, max_length=5000)
    history: list[HistoryTurn] = Field(default_factory=list, max_length=100)
    resolved_question: str = Field(default="", max_length=5000)
    answer: str = Field(default="", max_length=200_000)
    answerable: bool | None = None
    citations: list[CitationOut] = Field(default_factory=list, max_length=100)
    scope: str | None = Field(default=None, max_length=200)
    build_id: str | None = Field(default=None, max_length=200,
                                 description="default: the build id of the loaded index")


class FeedbackCreated(BaseModel):
    id: int
    rating: Literal["up", "down"]


class FeedbackList(BaseModel):
    total: int
    page: int
    page_size: int
    items: list[dict[str, Any]]


# ---- health ---------------------------------------------------------------------------

class HealthResponse(BaseModel):
    status: Literal["ok"] = "ok"


class ReadyResponse(BaseModel):
    status: Literal["ready"] = "ready"
    documents: int = Field(description="number of documents in the loaded index")
    build_id: str = Field("", description="the index build being served (changes after an ingest)")
    document_ids: list[str] = Field(default_factory=list, description="doc_id of every document served")


# ---- OpenAI-compatible /v1 ------------------------------------------------------------

class ContentPart(BaseModel):
    model_config = ConfigDict(extra="allow")

    type: str = "text"
    text: CleanStr | None = None


class ChatMessage(BaseModel):
    model_config = ConfigDict(extra="allow")

    role: Literal["system", "developer", "user", "assistant", "tool", "function"]
    content: CleanStr | list[ContentPart] | None = None

    def text(self) -> str:
        """The message's text; content parts other than text are ignored."""
        if self.content is None:
            return ""
        if isinstance(self.content, str):
            return self.content
        return "".join(p.text or "" for p in self.content if p.type == "text")


class StreamOptions(BaseModel):
    model_config = ConfigDict(extra="allow")

    include_usage: bool = False


class ChatCompletionRequest(BaseModel):
    """OpenAI chat-completions request; sampling parameters are accepted and ignored."""

    model_config = ConfigDict(extra="allow", json_schema_extra={"examples": [{
        "model": MODEL_ID,
        "messages": [{"role": "user", "content": "谁负责粮食产量？"},
                     {"role": "assistant", "content": "粮食产量相关任务由省农业农村厅牵头……"},
                     {"role": "user", "content": "配合单位有哪些？"}]}]})

    model: str = Field(default=MODEL_ID, description=f"any value; answered by {MODEL_ID!r}")
    messages: list[ChatMessage] = Field(
        min_length=1, max_length=200,
        description="the last message must be the user's question; system messages are ignored")
    stream: bool = False
    stream_options: StreamOptions | None = None
    scope: CleanStr | None = Field(default=None, description="extension: limit to one doc_id")


class ChatCompletionMessage(BaseModel):
    role: Literal["assistant"] = "assistant"
    content: str


class ChatChoice(BaseModel):
    index: int = 0
    message: ChatCompletionMessage
    finish_reason: Literal["stop"] = "stop"


class Usage(BaseModel):
    """Counts characters (this assistant has no tokenizer)."""

    prompt_tokens: int
    completion_tokens: int
    total_tokens: int


class ChatCompletionResponse(BaseModel):
    """OpenAI chat completion plus `citations`, `answerable` and `resolved_question`."""

    id: str
    object: Literal["chat.completion"] = "chat.completion"
    created: int
    model: str = MODEL_ID
    choices: list[ChatChoice]
    usage: Usage
    citations: list[CitationOut]
    answerable: bool
    resolved_question: str = ""


class ModelCard(BaseModel):
    id: str = MODEL_ID
    object: Literal["model"] = "model"
    created: int = 0
    owned_by: str = "assistant"


class ModelList(BaseModel):
    object: Literal["list"] = "list"
    data: list[ModelCard]
