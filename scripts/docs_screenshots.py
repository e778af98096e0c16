"""Regenerate the README's screenshots in docs/: the default map, a tour step, a handout page, a popup.

    python scripts/docs_screenshots.py [--corpus ../shared/corpus]

Builds the maps into a temporary folder (never into output/), opens them offline in Debian's
Chromium (tiles answered with a blank image, so the offline land shows, as in a school that
blocks the tile servers), and prints the handout with `mapgen handout`. Needs the test extras.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DOCS = REPO / "docs"
BLANK_PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360000002000100e221bc330000000049454e44ae426082"
)
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", type=Path, default=REPO.parent / "shared" / "corpus")
    ap.add_argument("--chromium", default="/usr/bin/chromium")
    a = ap.parse_args()
    import pypdfium2 as pdfium
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp:
        t = Path(tmp)
        page_html = t / "map.html"
        texts = ["--texts", str(a.corpus)] if a.corpus.is_dir() else []
        subprocess.run([sys.executable, "-m", "mapgen", "-q", "build", "--out", str(page_html), *texts], check=True)
        pdf = t / "map.pdf"
        subprocess.run([sys.executable, "-m", "mapgen", "handout", str(page_html), "--out", str(pdf)], check=True)
        doc = pdfium.PdfDocument(str(pdf))
        doc[0].render(scale=1.4).to_pil().save(DOCS / "handout-page1.png")
        doc[1].render(scale=1.4).to_pil().save(DOCS / "handout-page2.png")
        with sync_playwright() as p:
            b = p.chromium.launch(executable_path=a.chromium, args=ARGS)

            def shot(name: str, w: int, h: int, hash_: str = "", js: str = "") -> None:
                ctx = b.new_context(viewport={"width": w, "height": h})
                ctx.route(
                    "**/*",
                    lambda r: (
                        r.fulfill(status=200, content_type="image/png", body=BLANK_PNG)
                        if r.request.url.startswith("http")
                        else r.continue_()
                    ),
                )
                pg = ctx.new_page()
                pg.goto(page_html.as_uri() + hash_)
                pg.wait_for_function("() => window.mapgen && mapgen._ready")
                if js:
                    pg.evaluate(js)
                pg.wait_for_timeout(1500)
                pg.screenshot(path=str(DOCS / name))
                ctx.close()

            shot("mig_alley.png", 1280, 800)
            shot("mig_alley-projector.png", 1920, 1080)
            shot("tour-step.png", 1280, 800, "#tour=12")
            shot(
                "popup-cjk.png",
                1280,
                800,
                "",
                "() => mapgen.showFeature(mapgen.layers.find(e => e.key === 'cities').items.find(i => i.feature.id === 'antung'))",
            )
            b.close()
    for f in sorted(DOCS.glob("*.png")):
        print(f.relative_to(REPO), f.stat().st_size // 1000, "kB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
