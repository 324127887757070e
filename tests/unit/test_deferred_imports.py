"""What reportlab and Pillow prepare on first use (reports/deferred_imports.py) behaves as if it
had been prepared at import: the URL pattern matches what reportlab's own would, an image is
drawn as before, and two threads drawing their first image at once both get a whole module."""

from __future__ import annotations

import re
import subprocess
import sys
import textwrap
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from reports.deferred_imports import DeferredPattern, deferrable

ROOT = Path(__file__).resolve().parents[2]


def _fresh(code: str) -> str:
    """Run ``code`` in a new interpreter (the finder acts at first import); its stdout."""
    done = subprocess.run([sys.executable, "-c", textwrap.dedent(code)], cwd=ROOT, capture_output=True, text=True,
                          timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    return done.stdout


def _uri_source() -> tuple[str, int]:
    import reportlab.platypus.paragraph as paragraph

    pattern = paragraph.uri_pat  # deferred or compiled, it answers .pattern and .flags alike
    return pattern.pattern, pattern.flags


def test_a_document_is_rendered_without_running_pillow_or_compiling_the_two_patterns() -> None:
    out = _fresh("""
        import sys
        from reports.documents.render import render_report
        from forms.definition import builtin_definitions
        from reports.documents.sample import sample_document
        definition = next(d for d in builtin_definitions() if d.id == "cchc-xa")
        pdf = render_report(sample_document(definition)).pdf
        import reportlab.platypus.paragraph as p, reportlab.lib.textsplit as t
        print(type(sys.modules["PIL.Image"]).__name__, "PIL._imaging" in sys.modules,
              type(p.uri_pat).__name__, type(t.rx).__name__, pdf[:5].decode())
    """)
    assert out.split() == ["DeferredModule", "False", "DeferredPattern", "DeferredPattern", "%PDF-"]


def test_the_first_image_runs_pillow_and_it_is_a_plain_module_afterwards(tmp_path: Path) -> None:
    out = _fresh("""
        import io, sys
        from reports.documents.render import render_report
        from reportlab.lib.utils import ImageReader
        from reportlab.pdfgen import canvas
        buffer = io.BytesIO()
        import PIL.Image
        PIL.Image.new("RGBA", (40, 20), (200, 0, 0, 128)).save(buffer, "PNG")
        reader = ImageReader(io.BytesIO(buffer.getvalue()))
        page = canvas.Canvas(io.BytesIO())
        page.drawImage(reader, 10, 10, 40, 20, mask="auto")
        page.save()
        print(type(sys.modules["PIL.Image"]).__name__, reader.getSize(), "PIL._imaging" in sys.modules)
    """)
    assert out.split() == ["module", "(40,", "20)", "True"]


def test_two_threads_reading_pillow_first_at_once_both_get_the_whole_module() -> None:
    out = _fresh("""
        import threading, sys
        import reportlab.lib.utils as utils
        image = utils.Image
        barrier, got = threading.Barrier(4), []
        def first_use():
            barrier.wait()
            got.append((image.new("L", (3, 2)).size, image.MAX_IMAGE_PIXELS is not None))
        threads = [threading.Thread(target=first_use) for _ in range(4)]
        for t in threads: t.start()
        for t in threads: t.join()
        print(len(got), set(got) == {((3, 2), True)}, type(sys.modules["PIL.Image"]).__name__)
    """)
    assert out.split() == ["4", "True", "module"]


def test_only_the_two_expected_patterns_are_deferred() -> None:
    source, flags = _uri_source()
    assert deferrable(source, flags)
    assert deferrable("([\u2e80-\uffff])", re.UNICODE)
    assert not deferrable(source, 0)  # the same text without IGNORECASE is someone else's
    assert not deferrable("[a-z]+", re.IGNORECASE)
    assert not deferrable(b"([a-z])", 0)  # bytes patterns are never ours


@given(st.text(alphabet=st.sampled_from("abcxyz019.-+:/@[]?#_ĐđÀàẠạ中\u00a1\uffff"), max_size=40)
       | st.from_regex(r"(https?|ftp)://[a-zđ0-9.-]{1,20}\.(vn|com|xn--abc)(:\d{2,5})?(/[a-z]*)?", fullmatch=True))
def test_the_deferred_url_pattern_matches_what_reportlabs_own_would(text: str) -> None:
    source, flags = _uri_source()
    deferred = DeferredPattern(re.compile, source, flags)
    own = re.compile(source, flags)
    mine, theirs = deferred.match(text), own.match(text)
    assert (mine and (mine.span(), mine.groups())) == (theirs and (theirs.span(), theirs.groups()))
