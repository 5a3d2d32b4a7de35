"""Checks that a Dask cluster can run corpus mode, each failure said in one line.

The scheduler unpickles every task graph and each worker runs mapapp's functions, so both
must import the same mapapp, and every worker must have the same gazetteer index. Without
these checks the driver would show Dask's tracebacks from deep inside the first batch.
"""
from __future__ import annotations

import re
from typing import Any

from mapapp.corpus.worker import scheduler_ready, worker_ready
from mapapp.errors import ClusterError

#: How long the driver waits for a first worker to join an existing scheduler.
WORKER_WAIT_SECONDS = 30.0
INSTALL_HINT = "install mapapp there (pip install -e . in the same checkout) and restart it"


def _missing_module(exc: BaseException) -> str | None:
    """The module a remote import could not find; Dask may wrap the remote ImportError in a
    plain Exception whose message is its repr."""
    found = re.search(r"No module named '[^']+'", str(exc))
    return found.group() if found else None


def _why(exc: BaseException) -> str:
    missing = _missing_module(exc)
    if missing:
        return f"ModuleNotFoundError: {missing}"
    text = str(exc).strip().splitlines()
    return f"{type(exc).__name__}: {text[0] if text else ''}".rstrip(": ")


def check_scheduler(client) -> None:
    address = client.scheduler.address
    try:
        client.run_on_scheduler(scheduler_ready)
    except Exception as exc:  # whatever Dask raises for a function it cannot load
        raise ClusterError(f"the scheduler at {address} cannot load mapapp ({_why(exc)}); "
                           f"{INSTALL_HINT}") from None


def _worker_problem(address: str, exc: BaseException) -> str:
    if isinstance(exc, ImportError) or _missing_module(exc):
        return f"worker {address} cannot load mapapp ({_why(exc)}); {INSTALL_HINT}"
    return f"worker {address}: {_why(exc)}"


def check_workers(client, wait: float = WORKER_WAIT_SECONDS) -> str:
    """The gazetteer signature every worker has (after loading it once in each)."""
    address = client.scheduler.address
    try:
        client.wait_for_workers(1, timeout=wait)
    except TimeoutError:
        raise ClusterError(f"no worker joined the scheduler at {address} within {wait:g} s; "
                           f"start one with `dask worker {address} --nthreads 1`") from None
    answers: dict[str, Any] = client.run(worker_ready, on_error="return")
    broken = sorted((a, r) for a, r in answers.items() if isinstance(r, BaseException))
    if broken:
        others = f" (and {len(broken) - 1} more)" if len(broken) > 1 else ""
        raise ClusterError(_worker_problem(*broken[0]) + others)
    signatures = {a["signature"] for a in answers.values()}
    if len(signatures) != 1:
        raise ClusterError("workers have different gazetteer indexes: "
                           + ", ".join(f"{a['host']}: {a['signature']}" for a in answers.values())
                           + "; run `python -m mapapp index` with the same data on every machine")
    return signatures.pop()


def check_cluster(client) -> str:
    """Scheduler and workers can run mapapp; returns the workers' gazetteer signature."""
    check_scheduler(client)
    return check_workers(client)
