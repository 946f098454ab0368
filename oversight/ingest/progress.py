"""An ingest run with a progress bar on the console (the CLI and the demo build use it)."""

from __future__ import annotations

from pathlib import Path

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from oversight.ingest.pipeline import RunReport, run
from oversight.store.lake import Lake


def ingest_with_progress(files: list[Path], lake: Lake, console: Console, demo=False) -> RunReport:
    columns = (
        TextColumn("[bold]导入"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        TextColumn("{task.description}"),
    )
    with Progress(*columns, console=console, transient=True) as progress:
        task = progress.add_task("", total=len(files))

        def step(path: Path, _result: object) -> None:
            progress.update(task, advance=1, description=path.name[:40])

        return run(files, lake, demo=demo, progress=step)
