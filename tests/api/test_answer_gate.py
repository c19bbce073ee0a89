"""The answer gate on its own (no server, no index): a released slot goes to a waiting
request at once, the cap holds, and waiting is bounded."""

from __future__ import annotations

import asyncio

import pytest

from assistant.api.answering import AnswerGate
from assistant.api.errors import ServerBusyError
from assistant.config import Settings


def _gate(**limits) -> AnswerGate:
    return AnswerGate(Settings(**limits))


def test_a_released_slot_goes_to_the_waiting_request_at_once() -> None:
    async def run() -> None:
        gate = _gate(max_concurrent_answers=1, answer_wait_s=30)
        await gate.acquire(None)
        waiter = asyncio.create_task(gate.acquire(None))
        for _ in range(3):
            await asyncio.sleep(0)
        assert gate.waiting == 1 and not waiter.done()
        gate.release()
        for _ in range(5):  # a few turns of the loop, no timer: woken by the release itself
            await asyncio.sleep(0)
        assert waiter.done()
        assert gate.active == 1 and gate.waiting == 0 and gate.started == 2

    asyncio.run(run())


def test_the_cap_holds_when_several_wait() -> None:
    async def run() -> None:
        gate = _gate(max_concurrent_answers=2, max_waiting_answers=10, answer_wait_s=30)
        peak = 0

        async def one() -> None:
            nonlocal peak
            await gate.acquire(None)
            peak = max(peak, gate.active)
            await asyncio.sleep(0.01)
            gate.release()

        await asyncio.gather(*(one() for _ in range(8)))
        assert peak == 2 and gate.active == 0 and gate.started == 8 and gate.waiting == 0

    asyncio.run(run())


def test_freed_slots_go_to_the_waiting_requests_in_arrival_order() -> None:
    async def run() -> None:
        gate = _gate(max_concurrent_answers=1, max_waiting_answers=10, answer_wait_s=30)
        await gate.acquire(None)
        order: list[int] = []

        async def wait(n: int) -> None:
            await gate.acquire(None)
            order.append(n)

        tasks = []
        for n in range(4):
            tasks.append(asyncio.create_task(wait(n)))
            for _ in range(3):
                await asyncio.sleep(0)  # each is queued before the next arrives
        assert gate.waiting == 4
        for _ in range(4):
            gate.release()
            for _ in range(5):
                await asyncio.sleep(0)
        await asyncio.gather(*tasks)
        assert order == [0, 1, 2, 3] and gate.active == 1 and gate.waiting == 0 and gate.started == 5
        gate.release()
        assert gate.active == 0

    asyncio.run(run())


def test_a_slot_handed_to_a_request_that_gives_up_goes_to_the_next() -> None:
    async def run() -> None:
        gate = _gate(max_concurrent_answers=1, max_waiting_answers=10, answer_wait_s=30)
        await gate.acquire(None)
        first = asyncio.create_task(gate.acquire(None))
        for _ in range(3):
            await asyncio.sleep(0)
        second = asyncio.create_task(gate.acquire(None))
        for _ in range(3):
            await asyncio.sleep(0)
        first.cancel()  # e.g. the server shuts down while it waits
        for _ in range(3):
            await asyncio.sleep(0)
        gate.release()
        for _ in range(5):
            await asyncio.sleep(0)
        assert first.cancelled() and second.done() and gate.active == 1 and gate.waiting == 0

    asyncio.run(run())


def test_waiting_is_bounded_in_time() -> None:
    async def run() -> None:
        gate = _gate(max_concurrent_answers=1, answer_wait_s=0.1)
        await gate.acquire(None)
        with pytest.raises(ServerBusyError):
            await gate.acquire(None)
        assert gate.rejected == 1 and gate.waiting == 0

    asyncio.run(run())


# ---- handing a keep-alive connection back when the worker is busy -------------------------

class _Fake:
    def __init__(self) -> None:
        self.settings = Settings()

    def ask(self, question, history=None, scope=None):
        from assistant.records import Answer

        return Answer(answer=f"答：{question}", answerable=True)

    def documents(self) -> list[dict]:
        return []


@pytest.mark.parametrize("workers, full, closes", [(2, True, True), (2, False, False), (1, True, False)])
def test_a_busy_worker_closes_the_connection_after_its_answer(workers, full, closes) -> None:
    """Busy: as many other answers as the worker's share of the cores."""
    from fastapi.testclient import TestClient

    from assistant.api import create_app
    from assistant.store.embedders import cores

    busy = max(1, cores() // workers) if full else 0
    app = create_app(Settings(workers=workers), _Fake())
    with TestClient(app) as client:
        app.state.answer_gate.active += busy  # other answers this worker is computing
        r = client.post("/api/ask", json={"question": "谁负责粮食产量？"})
        app.state.answer_gate.active -= busy
    assert r.status_code == 200 and r.json()["answer"] == "答：谁负责粮食产量？"
    assert (r.headers.get("connection") == "close") is closes
