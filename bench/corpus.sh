#!/usr/bin/env bash
# Writes the benchmark corpora into bench/corpus/ (gitignored), each only when missing:
#   prose-10KB.txt … prose-10MB.txt  real French prose: Debian's French documentation
#                                    (debian-reference-fr, maint-guide-fr), HTML to text,
#                                    repeated to the size and cut at a paragraph end
#   loaded-1MB.txt                   bench/loaded.txt (team-written, loaded-dense) repeated
#   realworld-1MB.txt                the text of /work/shared/realworld/pages/*.html, if present
# Sizes are in bytes of UTF-8 (KB = 10^3, MB = 10^6). Remove bench/corpus/ to rebuild.
#   bash bench/corpus.sh
set -euo pipefail
cd "$(dirname "$0")/.."
OUT=bench/corpus
REALWORLD=${REALWORLD:-/work/shared/realworld/pages}
mkdir -p "$OUT"
say() { printf '[corpus] %s\n' "$*" >&2; }

# HTML → text, stdlib only: block elements end paragraphs (blank line), code blocks,
# scripts and styles are dropped, whitespace inside a paragraph is collapsed.
html_to_text() {
  python3 - "$@" <<'PY'
import html.parser, re, sys
BLOCK = {'p', 'div', 'section', 'article', 'li', 'dt', 'dd', 'tr', 'td', 'th', 'table',
         'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'br', 'blockquote', 'ul', 'ol', 'dl',
         'header', 'footer', 'nav', 'aside', 'figure', 'figcaption', 'title', 'caption'}
SKIP = {'script', 'style', 'noscript', 'pre', 'template', 'svg', 'head'}
class Text(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.paras, self.cur, self.skip = [], [], 0
    def flush(self):
        para = re.sub(r'\s+', ' ', ''.join(self.cur)).strip()
        if len(para) > 1:
            self.paras.append(para)
        self.cur = []
    def handle_starttag(self, tag, attrs):
        if tag in SKIP: self.skip += 1
        elif tag in BLOCK: self.flush()
    def handle_endtag(self, tag):
        if tag in SKIP: self.skip = max(0, self.skip - 1)
        elif tag in BLOCK: self.flush()
    def handle_data(self, data):
        if not self.skip: self.cur.append(data)
for path in sys.argv[1:]:
    parser = Text()
    parser.feed(open(path, encoding='utf-8', errors='replace').read())
    parser.close()
    parser.flush()
    sys.stdout.write('\n\n'.join(parser.paras) + '\n\n')
PY
}

# repeat SRC SIZE DEST: SRC repeated until it holds SIZE bytes, cut at the last paragraph
# end (blank line) before SIZE.
repeat_to() {
  python3 - "$@" <<'PY'
import sys
src, size, dest = sys.argv[1], int(sys.argv[2]), sys.argv[3]
text = open(src, encoding='utf-8').read().strip('\n') + '\n\n'
data = text.encode('utf-8')
if not data.strip():
    sys.exit(f'{src}: empty')
buf = data * (size // len(data) + 1)
cut = buf.rfind(b'\n\n', 0, size - 1)
if cut <= 0:
    cut = size - 1
open(dest, 'wb').write(buf[:cut] + b'\n')
PY
}

SIZES=(10KB:10000 100KB:100000 1MB:1000000 10MB:10000000)
need_prose=0
for s in "${SIZES[@]}"; do [ -s "$OUT/prose-${s%%:*}.txt" ] || need_prose=1; done

if [ "$need_prose" = 1 ]; then
  work=$(mktemp -d)
  trap 'rm -rf "$work"' EXIT
  say "apt-get download debian-reference-fr maint-guide-fr"
  if ! (cd "$work" && apt-get download -q debian-reference-fr maint-guide-fr >/dev/null 2>&1); then
    say "apt-get update, then again"
    apt-get update -qq >/dev/null
    (cd "$work" && apt-get download -q debian-reference-fr maint-guide-fr >/dev/null)
  fi
  for deb in "$work"/*.deb; do dpkg-deb -x "$deb" "$work/root"; done
  # The chapters in a fixed order; the tables of contents (index.fr.html) are left out.
  mapfile -t pages < <(find "$work/root/usr/share" -name '*.fr.html' ! -name 'index.fr.html' | LC_ALL=C sort)
  [ "${#pages[@]}" -gt 0 ] || { say "no HTML found in the packages"; exit 1; }
  html_to_text "${pages[@]}" > "$work/prose.txt"
  say "prose: ${#pages[@]} pages, $(wc -c < "$work/prose.txt") bytes of text"
  for s in "${SIZES[@]}"; do
    repeat_to "$work/prose.txt" "${s##*:}" "$OUT/prose-${s%%:*}.txt"
  done
fi

if [ ! -s "$OUT/loaded-1MB.txt" ] || [ bench/loaded.txt -nt "$OUT/loaded-1MB.txt" ]; then
  repeat_to bench/loaded.txt 1000000 "$OUT/loaded-1MB.txt"
fi

if [ -d "$REALWORLD" ] && [ ! -s "$OUT/realworld-1MB.txt" ]; then
  mapfile -t pages < <(find "$REALWORLD" -name '*.html' | LC_ALL=C sort)
  if [ "${#pages[@]}" -gt 0 ]; then
    tmp=$(mktemp)
    html_to_text "${pages[@]}" > "$tmp"
    repeat_to "$tmp" 1000000 "$OUT/realworld-1MB.txt"
    rm -f "$tmp"
  fi
fi

# Only these files: benches/native.rs reads every .txt here.
for f in "$OUT"/*.txt; do
  case "$(basename "$f")" in
    prose-10KB.txt|prose-100KB.txt|prose-1MB.txt|prose-10MB.txt|loaded-1MB.txt|realworld-1MB.txt) ;;
    *) say "removing $(basename "$f") (not made by this script)"; rm -f "$f" ;;
  esac
done
ls -l "$OUT" >&2
