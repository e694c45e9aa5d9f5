"""Where one build's CPU time goes, by plugin and hook event, run in a subprocess by benchmarks/run.py.

    python benchmarks/event_timing.py PROJECT SITE

Wraps MkDocs' `PluginCollection.run_event` so that each event handler of each plugin and hook is timed with
`time.process_time()` (CPU time of this process, not inflated by a busy machine). Times are exclusive: the
nested builds that mkdocs-static-i18n runs inside its `on_post_build` are counted under their own handlers.
Prints one line: BENCH-EVENTS {"startup": s, "build": s, "handlers": {"plugin event": s, ...}}, where
`startup` is the CPU time before MkDocs' command runs (interpreter, MkDocs' own imports), `load_config` the time
to read mkdocs.yml and import the plugins and hooks (and everything they import).
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

import measure


def main() -> int:
    project, site = Path(sys.argv[1]).resolve(), Path(sys.argv[2]).resolve()
    from mkdocs import plugins

    handlers: dict[str, float] = {}
    stack: list[float] = []          # CPU time spent in nested handlers, per level
    original = plugins.PluginCollection.run_event

    def run_event(self, name, item=None, **kwargs):  # noqa: ANN001, ANN002, ANN003, ANN202
        pass_item = item is not None
        for method in self.events[name]:
            origin = self._event_origins.get(method, "<unknown>")
            self._current_plugin = origin
            stack.append(0.0)
            start = time.process_time()
            try:
                result = method(item, **kwargs) if pass_item else method(**kwargs)
            finally:
                spent = time.process_time() - start
                nested = stack.pop()
                key = f"{origin.removeprefix('hooks/').removesuffix('.py')} on_{name}"
                handlers[key] = handlers.get(key, 0.0) + spent - nested
                if stack:
                    stack[-1] += spent
            if result is not None:
                item = result
        self._current_plugin = None
        return item

    plugins.PluginCollection.run_event = run_event
    from mkdocs import config as mkdocs_config

    real_load = mkdocs_config.load_config
    loading = {"cpu": 0.0}

    def load_config(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202 - reads mkdocs.yml and imports the hooks
        start = time.process_time()
        try:
            return real_load(*args, **kwargs)
        finally:
            loading["cpu"] += time.process_time() - start

    mkdocs_config.load_config = load_config
    startup = time.process_time()
    code = measure.build_in_process(project, site)
    total = time.process_time()
    plugins.PluginCollection.run_event = original
    print("BENCH-EVENTS " + json.dumps({"startup": startup, "total": total, "rc": code, "load_config": loading["cpu"],
                                        "handlers": dict(sorted(handlers.items(), key=lambda item: -item[1]))}),
          flush=True)
    return code


if __name__ == "__main__":
    sys.exit(main())
