"""The processes a node runs, as supervisor programs: for ``serve`` and for ``rundev``."""

from __future__ import annotations

import os
import sys

from techbridge.core.supervisor import Program


def manage(*args: str) -> list[str]:
    """The argv of a management command run with this interpreter and these settings."""
    return [sys.executable, "-m", "django", *args]


def default_web_workers() -> int:
    """gunicorn's rule of thumb for sync workers: two per core, plus one."""
    return 2 * (os.cpu_count() or 1) + 1


def production_programs(
    *, bind: str, web_workers: int, task_workers: int, scheduler: bool, follower: bool
) -> list[Program]:
    programs = []
    if web_workers:
        programs.append(
            Program(
                "web",
                [
                    sys.executable,
                    "-m",
                    "gunicorn",
                    "--config",
                    "python:techbridge.config.gunicorn",
                    "--bind",
                    bind,
                    "--workers",
                    str(web_workers),
                    "techbridge.config.wsgi:application",
                ],
            )
        )
    # Without the follower this node keeps no index: its workers then do not follow either.
    worker = manage("db_worker", "--no-reload", *([] if follower else ["--no-index-follower"]))
    programs += [Program(f"task-worker-{n}", worker) for n in range(1, task_workers + 1)]
    if follower:
        programs.append(Program("index-follower", manage("index_follower")))
    if scheduler:
        programs.append(Program("scheduler", manage("run_scheduler")))
    return programs


def development_programs(addrport: str) -> list[Program]:
    """runserver (with its autoreloader), one worker, the follower and the scheduler."""
    return [
        Program("web", manage("runserver", addrport)),
        Program("task-worker", manage("db_worker", "--interval", "2")),
        Program("index-follower", manage("index_follower")),
        Program("scheduler", manage("run_scheduler")),
    ]
