"""Benchmark-only hook for the ``htmlproofer`` variant: let mkdocs-htmlproofer-plugin see localised files.

htmlproofer 1.6.0 copies the file list in its ``on_files`` at priority 0, before mkdocs-static-i18n (priority
-100) has localised it (``nl/signalen.md`` → ``signalen/``), and it keeps appending the lists of every language.
It then resolves every relative link against the unlocalised URLs and reports all of them as broken
(596 false "invalid url" warnings on the 100-page site). This hook hands it the localised list of the language
being built, so its checks work as they do on a one-language site. It does no other work.
"""

from __future__ import annotations

from mkdocs.plugins import event_priority


@event_priority(-110)
def on_files(files, config):  # noqa: ANN001, ANN201
    config.plugins["htmlproofer"].files = list(files)
    return files
