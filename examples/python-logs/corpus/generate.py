#!/usr/bin/env python3
"""Regenerates the Python-logs corpus: every JSON setup in setups.py, shipped as Filebeat ships it.

    examples/python-logs/corpus/generate.py            # the pinned versions (requirements.txt)
    examples/python-logs/corpus/generate.py --latest   # the latest releases from PyPI

1. makes a virtualenv (corpus/.venv, not committed) and installs the libraries;
2. runs each setup with TZ=Europe/Berlin (stdout and stderr into one file, as a service's log
   file gets both) → corpus/logs/SETUP.log, the lines exactly as the library wrote them;
3. ships each file through filebeat_events.py with the shipped filebeat.yml, the hosts' zone
   passed as Filebeat's environment passes it (LOG_TIMEZONE) → policies/tests/python-logs/
   SETUP.input.ndjson.

The expected documents are not touched: run `esops pipeline test --sandbox` to see what changed,
`--update` to accept it, and review `git diff` field by field before committing.
"""

import argparse
import os
import shutil
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
EXAMPLE = HERE.parent
CASES = EXAMPLE.parent.parent / "policies" / "tests" / "python-logs"
ZONE = "Europe/Berlin"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--latest", action="store_true", help="install the latest releases instead of requirements.txt")
    parser.add_argument("--version", default="9.1.0", help="Filebeat's agent.version in the documents")
    parser.add_argument("setups", nargs="*", help="only these setups (default: all)")
    args = parser.parse_args()

    venv = HERE / ".venv"
    python = venv / "bin" / "python"
    if not python.exists():
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    pip = [str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check"]
    if args.latest:
        subprocess.run([*pip, "--upgrade", "python-json-logger", "structlog", "loguru", "orjson", "time-machine", "PyYAML"], check=True)
    else:
        subprocess.run([*pip, "-r", str(HERE / "requirements.txt")], check=True)
    versions = subprocess.run([str(python), "-m", "pip", "freeze"], check=True, capture_output=True, text=True).stdout
    print("libraries:", " ".join(line for line in versions.split() if line.split("==")[0].lower() in ("python-json-logger", "structlog", "loguru")))

    names = args.setups or subprocess.run(
        [str(python), "-c", "import setups; print(' '.join(setups.SETUPS))"], cwd=HERE, check=True, capture_output=True, text=True
    ).stdout.split()
    (HERE / "logs").mkdir(exist_ok=True)
    CASES.mkdir(parents=True, exist_ok=True)
    # The program runs from a fixed directory, so that the tracebacks' paths do not depend on
    # where the repository is checked out.
    app = Path("/tmp/esops-python-logs-corpus")
    app.mkdir(exist_ok=True)
    shutil.copy(HERE / "setups.py", app / "setups.py")
    env = dict(os.environ, TZ=ZONE, PYTHONIOENCODING="utf-8", PYTHONHASHSEED="0", LOG_TIMEZONE=ZONE)
    total = 0
    for name in names:
        log = HERE / "logs" / f"{name}.log"
        with open(log, "wb") as out:
            # The scenario ends with an uncaught exception: exit status 1 is expected.
            run = subprocess.run([str(python), "setups.py", name], cwd=app, env=env, stdout=out, stderr=subprocess.STDOUT)
        if run.returncode != 1:
            sys.exit(f"{name}: exited with {run.returncode}, expected the scenario's uncaught exception (1); see {log}")
        case = CASES / f"{name}.input.ndjson"
        with open(case, "wb") as out:
            subprocess.run(
                [str(python), str(EXAMPLE / "filebeat_events.py"), str(EXAMPLE / "filebeat.yml"), str(log), "--version", args.version],
                env=env,
                stdout=out,
                check=True,
            )
        lines = sum(1 for _ in open(log, "rb"))
        total += lines
        print(f"{name}: {lines} lines → {case.relative_to(EXAMPLE.parent.parent)}")
    print(f"{total} lines in {len(names)} setups")


if __name__ == "__main__":
    main()
