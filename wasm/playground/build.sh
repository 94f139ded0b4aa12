#!/bin/sh
# build.sh OUT: builds the page (this directory, GOOS=js) into OUT, the way
# `make web` does. build.sh -deps lists the packages that build links.
#
# go-app's server (net/http, crypto/tls, text/template) stays out of the
# page (_goapp/README.md). Run from the module root.
set -eu
if [ $# -ne 1 ]; then
	echo "usage: build.sh OUT | build.sh -deps" >&2
	exit 2
fi
GO=${GO:-go}
here=$(cd "$(dirname "$0")" && pwd)
mod=github.com/maxence-charriere/go-app/v9
ver=$($GO list -m -f '{{.Version}}' $mod)
if [ "$ver" != "$(cat "$here/_goapp/VERSION")" ]; then
	echo "build.sh: go-app is $ver, wasm/playground/_goapp is for $(cat "$here/_goapp/VERSION"): check its files against the new go-app" >&2
	exit 1
fi
dir=$($GO list -m -f '{{.Dir}}' $mod)/pkg/app
if [ -z "$dir" ] || [ ! -f "$dir/http.go" ]; then
	echo "build.sh: go-app's sources are not in the module cache (go mod download)" >&2
	exit 1
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# A copy of go-app with the files of _goapp changed, used through a go.mod
# replace in a temporary -modfile (go build -overlay refuses files in the
# module cache).
mkdir "$tmp/go-app"
cp -R "$dir/../../go.mod" "$dir/../../pkg" "$tmp/go-app/"
chmod -R u+w "$tmp/go-app"
cp "$here/_goapp/excluded.go" "$tmp/go-app/pkg/app/http.go"
cp "$here/_goapp/excluded.go" "$tmp/go-app/pkg/app/resource.go"
cp "$here/_goapp/wasm.go" "$tmp/go-app/pkg/app/wasm.go"
cp "$here/_goapp/paths.go" "$tmp/go-app/pkg/app/paths.go"
cp "$here/_goapp/route.go" "$tmp/go-app/pkg/app/route.go"
# go-app's random ids and nonces from the browser's crypto.getRandomValues
# (_goapp/crypto.go), without github.com/google/uuid and crypto/rand.
cp "$here/_goapp/crypto.go" "$tmp/go-app/pkg/app/crypto.go"
for f in context.go state.go; do
	sed -i -e 's/uuid\.NewString()/newUUID()/' -e '/^\t"github.com\/google\/uuid"$/d' "$tmp/go-app/pkg/app/$f"
done
if find "$tmp/go-app/pkg/app" -maxdepth 1 -name '*.go' ! -name '*_test.go' -exec grep -l '"github.com/google/uuid"' {} + | grep -q .; then
	echo "build.sh: go-app imports github.com/google/uuid in more files: check _goapp/crypto.go" >&2
	exit 1
fi
root=$($GO list -m -f '{{.Dir}}')
cp "$root/go.mod" "$tmp/wasm.mod"
cp "$root/go.sum" "$tmp/wasm.sum"
echo "replace $mod => $tmp/go-app" >>"$tmp/wasm.mod"
export GOOS=js GOARCH=wasm
if [ "$1" = "-deps" ]; then
	$GO list -modfile="$tmp/wasm.mod" -deps ./wasm/playground
	exit
fi
# A copy of the gVisor packages the page links, without the code stateify
# generates for checkpoint and restore (*_state_autogen.go): each package's
# init registers its types, which keeps hundreds of save/load methods and
# their field tables, a noticeable part of the page's download, that nothing
# in the browser calls. The tests (native and GOOS=js) run the unchanged gVisor.
gv=gvisor.dev/gvisor
gvdir=$($GO list -modfile="$tmp/wasm.mod" -m -f '{{.Dir}}' $gv)
mkdir "$tmp/gvisor"
cp "$gvdir/go.mod" "$gvdir/go.sum" "$tmp/gvisor/"
for p in $($GO list -modfile="$tmp/wasm.mod" -deps -f "{{if .Module}}{{if eq .Module.Path \"$gv\"}}{{.ImportPath}}{{end}}{{end}}" ./wasm/playground); do
	rel=${p#$gv/}
	mkdir -p "$tmp/gvisor/$rel"
	find "$gvdir/$rel" -maxdepth 1 -type f ! -name '*_test.go' -exec cp {} "$tmp/gvisor/$rel/" \;
done
chmod -R u+w "$tmp/gvisor"
for f in $(find "$tmp/gvisor" -name '*_state_autogen.go'); do
	printf '// stateify output: left out of the page (wasm/playground/build.sh)\n\n%s\n' "$(grep -m1 '^package ' "$f")" >"$f"
done
# gVisor's log compiles a regexp as the program starts (stackRegexp), for
# LocalStack alone, which only its lockdep builds call: made when called,
# Go's regexp compiler and the Unicode tables it uses stay out of the page
# and nothing is compiled at start (on the page's thread and the engine's).
log="$tmp/gvisor/pkg/log/log.go"
sed -i -e 's/^var stackRegexp = \(regexp\.MustCompile(.*)\)$/func stackRegexp() *regexp.Regexp { return \1 }/' \
	-e 's/stackRegexp\.ReplaceAllFunc(/stackRegexp().ReplaceAllFunc(/' "$log"
if ! grep -q '^func stackRegexp() \*regexp.Regexp' "$log" || grep -q 'stackRegexp\.' "$log"; then
	echo "build.sh: gVisor's pkg/log/log.go changed: check its stackRegexp against build.sh" >&2
	exit 1
fi
# gVisor's random reader from the browser's crypto.getRandomValues, as
# crypto/rand's is, without crypto/rand's code (_gvisor/rand.go).
rnd="$tmp/gvisor/pkg/rand/rand.go"
if ! grep -q '^var Reader = rand\.Reader$' "$rnd" || ! grep -q '^func Read(b \[\]byte) (int, error) {$' "$rnd"; then
	echo "build.sh: gVisor's pkg/rand/rand.go changed: check _gvisor/rand.go against it" >&2
	exit 1
fi
cp "$here/_gvisor/rand.go" "$rnd"
# gVisor's tcpip imports net for one net.HardwareAddr made as a byte slice
# (GetRandMacAddr): net's initialisers (its DNS configuration and message
# parser, its errors) stay out of the page.
tcpip="$tmp/gvisor/pkg/tcpip/tcpip.go"
sed -i -e 's/make(net\.HardwareAddr, LinkAddressSize)/make([]byte, LinkAddressSize)/' -e '/^\t"net"$/d' "$tcpip"
if grep -q 'net\.[A-Z]' "$tcpip"; then
	echo "build.sh: gVisor's pkg/tcpip/tcpip.go uses more of net: check build.sh's rewrite" >&2
	exit 1
fi
echo "replace $gv => $tmp/gvisor" >>"$tmp/wasm.mod"
# A copy of the C front end whose table of C type sizes keeps only the
# target stack/c compiles for (cc.NewABI("linux", "amd64")): the table of
# every other system is code the page would run at start and never use.
cc=modernc.org/cc/v4
ccdir=$($GO list -modfile="$tmp/wasm.mod" -m -f '{{.Dir}}' $cc)
mkdir "$tmp/cc"
find "$ccdir" -maxdepth 1 -type f ! -name '*_test.go' -exec cp {} "$tmp/cc/" \;
chmod -R u+w "$tmp/cc"
awk '
/^\tabiTypes = map\[/ { in_map = 1; print; next }
in_map && /^\t}$/ { in_map = 0 }
in_map && /^\t\t\{"[a-z0-9]+", "[a-z0-9]+"\}: \{$/ { skip = ($0 !~ /^\t\t\{"linux", "amd64"\}: \{$/); n++ }
in_map && skip { if ($0 ~ /^\t\t},$/) skip = 0; next }
{ print }
END { if (n < 2 || in_map || skip) exit 1 }' "$ccdir/abi.go" >"$tmp/cc/abi.go" || {
	echo "build.sh: modernc.org/cc/v4's abi.go changed: check its abiTypes against build.sh" >&2
	exit 1
}
if ! grep -q '^		{"linux", "amd64"}: {$' "$tmp/cc/abi.go"; then
	echo "build.sh: modernc.org/cc/v4's abi.go has no linux/amd64 table" >&2
	exit 1
fi
# (go.mod replaces cc/v4 with netplay's fork, third_party/modernc.org/cc/v4:
# the copy is of the fork, and replaces it.)
$GO mod edit -dropreplace=$cc "$tmp/wasm.mod"
echo "replace $cc => $tmp/cc" >>"$tmp/wasm.mod"
# Inlining is off except where the time goes: the C interpreter and its
# memory accessors (stack/c, stack/libc: much slower without) and the Go
# runtime. Everywhere else (gVisor, the C front end, go-app, the standard
# library) it made the page's download markedly bigger for no run time we
# could measure in wasm (the handshake's runs and compile under node;
# figures in notes/page.md).
# LDFLAGS, GCFLAGS: for size experiments (LDFLAGS=' ' keeps the name
# section; GCFLAGS replaces the inlining flags below).
if [ -n "${GCFLAGS:-}" ]; then
	set -- "$1" "-gcflags=$GCFLAGS"
else
	set -- "$1" -gcflags=all=-l -gcflags=netplay/stack/c= -gcflags=netplay/stack/libc= -gcflags=runtime=
fi
out=$1
shift
$GO build -modfile="$tmp/wasm.mod" -trimpath -ldflags="${LDFLAGS:--s -w}" "$@" -o "$out" ./wasm/playground
