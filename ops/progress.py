"""Progress of a long operation step by step: a tqdm bar on a terminal, otherwise one plain line
per step when it ends (logs and CI stay readable)."""
from __future__ import annotations

from contextlib import contextmanager

from tqdm import tqdm


@contextmanager
def step(stdout, title: str, unit: str = ""):
    """``with step(self.stdout, "数据库") as progress: progress(done, total)``."""
    bar = None
    last = [0, 0]

    def progress(done: int, total: int) -> None:
        nonlocal bar
        last[:] = [done, total]
        if not stdout.isatty():
            return
        if bar is None:
            bar = tqdm(total=total, desc=title, unit=unit or "it", file=stdout._out, leave=True)
        bar.total = total
        bar.n = done
        bar.refresh()

    try:
        yield progress
    finally:
        if bar is not None:
            bar.close()
        else:
            stdout.write(f"  {title}: {last[0]}/{last[1]}{(' ' + unit) if unit else ''}")
