package c

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"

	cc "modernc.org/cc/v4"

	"netplay/stack/libc"
	"netplay/stack/scenario"
)

// TestHeadersMatchGlibc is the proof that netplay's headers are glibc's on
// Linux/amd64: it generates one C program that includes every header and
// prints every constant (value, size, signedness), every enumerator,
// typedef (size, alignment, signedness), struct and union (size,
// alignment, each member's offset and size, each bit-field's bits), and
// the value of the function-like macros on sample arguments; it compiles
// that program with gcc against glibc and with netplay, runs both and
// compares line by line. A name netplay declares that glibc does not (in
// that mode) fails too. It runs twice: without feature macros (gcc's
// default, _DEFAULT_SOURCE) and with _GNU_SOURCE.
func TestHeadersMatchGlibc(t *testing.T) {
	gcc, err := exec.LookPath("gcc")
	if err != nil {
		t.Skip("no gcc")
	}
	for _, mode := range []string{"default", "_GNU_SOURCE"} {
		t.Run(mode, func(t *testing.T) {
			prefix := ""
			if mode != "default" {
				prefix = "#define " + mode + " 1\n"
			}
			items := headerItems(t, prefix)
			if len(items) < 1500 {
				t.Fatalf("only %d items to compare", len(items))
			}
			compareWithGcc(t, gcc, prefix, items)
		})
	}
}

// probeItem is one line the probe program prints.
func probeFrontEnd(src string) (*cc.AST, error) {
	return newProject(scenario.File{Name: "probe.c", Text: src}, nil, nil).frontEnd("probe.c")
}

type probeItem struct {
	what string // "macro SIGINT", for messages
	code string // one C statement, on one line
}

func includeAll(prefix string) string {
	var b strings.Builder
	b.WriteString(prefix)
	var names []string
	for n := range libc.Headers {
		if !strings.HasPrefix(n, "bits/") { // glibc's are internal: included by the public ones
			names = append(names, n)
		}
	}
	sort.Strings(names)
	for _, n := range names {
		fmt.Fprintf(&b, "#include <%s>\n", n)
	}
	b.WriteString("#include <stdio.h>\n#include <stddef.h>\n#include <string.h>\n")
	return b.String()
}

// probeSkip are names whose value is not a constant of the C library:
// streams and other objects whose address differs by program.
var probeSkip = map[string]bool{
	"stdin": true, "stdout": true, "stderr": true, "errno": true, "h_errno": true, "environ": true,
	"optarg": true, "optind": true, "opterr": true, "optopt": true,
	"tzname": true, "timezone": true, "daylight": true, "basename": true, "strerror_r": true,
	"alloca": true, "assert": true, "static_assert": true, "bool": true, "noreturn": true,
	"alignas": true, "alignof": true,
	// Known differences: glibc's struct _IO_FILE is opaque here (no program
	// needs its size); va_list is a pointer into the argument area, not
	// gcc's 24-byte __va_list_tag (only its size shows).
	"FILE": true, "va_list": true, "__gnuc_va_list": true,
}

// headerItems lists what the probe prints, from netplay's own headers as
// the front end sees them.
func headerItems(t *testing.T, prefix string) []probeItem {
	src := includeAll(prefix) + "int main(void) { return 0; }\n"
	ast, err := probeFrontEnd(src)
	if err != nil {
		t.Fatalf("the headers do not compile together:\n%v", err)
	}
	inHeader := func(file string) bool { return strings.HasPrefix(file, sysInclude+"/") }
	var items []probeItem
	add := func(what, code string) { items = append(items, probeItem{what, code}) }

	// Object-like macros.
	var macros []string
	for name, m := range ast.Macros {
		if m.IsFnLike || !inHeader(m.Position().Filename) || strings.HasPrefix(name, "__") || probeSkip[name] {
			continue
		}
		macros = append(macros, name)
	}
	sort.Strings(macros)
	for _, name := range macros {
		toks := ast.Macros[name].ReplacementList()
		if len(toks) == 0 {
			continue
		}
		kind := "int"
		var prev string
		for i, tk := range toks {
			s := tk.SrcStr()
			switch {
			case s == "." || s == "->" || s == "[" || s == "{":
				kind = "skip" // a member alias or an initializer
			case i == 0 && strings.HasPrefix(s, `"`):
				kind = "string"
			case s == ")" && prev == "*" && kind == "int":
				kind = "pointer"
			case kind == "int" && isPointerTypedef(ast, s):
				kind = "pointer" // a cast to a pointer type: (__sighandler_t) -1
			}
			prev = s
		}
		if len(toks) == 1 {
			s := toks[0].SrcStr()
			if !(s[0] >= '0' && s[0] <= '9' || s[0] == '"' || s[0] == '\'') {
				// One identifier: a constant only if it names one.
				if nodes := ast.Scope.Nodes[s]; len(nodes) > 0 {
					if _, ok := nodes[0].(*cc.Enumerator); !ok {
						kind = "skip"
					}
				} else if _, ok := ast.Macros[s]; !ok {
					kind = "skip" // a keyword or punctuator
				}
			}
		}
		switch kind {
		case "int", "float":
			// _Generic tells a floating constant (HUGE_VAL) from an integer.
			add("macro "+name, fmt.Sprintf(`if (_Generic((%s), float: 1, double: 1, long double: 1, default: 0)) printf("macro %s = %%.17g size %%d\n", (double)(%s), (int)sizeof(%s)); else printf("macro %s = %%lld size %%d signed %%d\n", (long long)(%s), (int)sizeof(%s), (%s) - (%s) - 1 < 0);`, name, name, name, name, name, name, name, name, name))
		case "string":
			add("macro "+name, fmt.Sprintf(`printf("macro %s = \"%%s\"\n", %s);`, name, name))
		case "pointer":
			add("macro "+name, fmt.Sprintf(`printf("macro %s = %%ld\n", (long)(%s));`, name, name))
		}
	}

	// Enumerators, typedefs, tags.
	var names []string
	for name := range ast.Scope.Nodes {
		if !strings.HasPrefix(name, "__") && !probeSkip[name] {
			names = append(names, name)
		}
	}
	sort.Strings(names)
	for _, name := range names {
		for _, n := range ast.Scope.Nodes[name] {
			switch x := n.(type) {
			case *cc.Enumerator:
				if inHeader(x.Position().Filename) {
					add("enumerator "+name, fmt.Sprintf(`printf("enumerator %s = %%lld\n", (long long)%s);`, name, name))
				}
			case *cc.Declarator:
				if !x.IsTypename() || !inHeader(x.Position().Filename) || x.Type().IsIncomplete() {
					continue // an opaque type (DIR) has no size on either side
				}
				code := fmt.Sprintf(`printf("typedef %s size %%d align %%d", (int)sizeof(%s), (int)_Alignof(%s));`, name, name, name)
				// Enumerated types are left out: the front end makes one
				// without negative constants signed, gcc unsigned (front.go).
				if isIntegerType(x.Type()) && x.Type().Kind() != cc.Enum {
					code += fmt.Sprintf(` printf(" signed %%d", (%s)-1 < 0);`, name)
				}
				add("typedef "+name, code+` printf("\n");`)
			case *cc.StructOrUnionSpecifier:
				if !inHeader(x.Position().Filename) || x.StructDeclarationList == nil {
					continue
				}
				kw := "struct"
				if x.StructOrUnion.Case == cc.StructOrUnionUnion {
					kw = "union"
				}
				items = append(items, aggregateItems(kw+" "+name, x.Type())...)
			}
		}
	}
	for _, e := range fnMacroProbes {
		add("expr "+e, fmt.Sprintf(`printf("expr %%s = %%lld\n", %q, (long long)(%s));`, e, e))
	}
	return items
}

func isPointerTypedef(ast *cc.AST, name string) bool {
	for _, n := range ast.Scope.Nodes[name] {
		if d, ok := n.(*cc.Declarator); ok && d.IsTypename() && d.Type().Kind() == cc.Ptr {
			return true
		}
	}
	return false
}

// aggregateItems prints a struct or union's size, alignment and members
// (named members of anonymous members too, as C lets a program name them).
func aggregateItems(typ string, t cc.Type) []probeItem {
	items := []probeItem{{typ, fmt.Sprintf(`printf("%s size %%d align %%d\n", (int)sizeof(%s), (int)_Alignof(%s));`, typ, typ, typ)}}
	var walk func(t cc.Type)
	walk = func(t cc.Type) {
		var n int
		var field func(int) *cc.Field
		switch x := t.(type) {
		case *cc.StructType:
			n, field = x.NumFields(), x.FieldByIndex
		case *cc.UnionType:
			n, field = x.NumFields(), x.FieldByIndex
		default:
			return
		}
		for i := 0; i < n; i++ {
			f := field(i)
			name := f.Name()
			if name == "" {
				walk(f.Type()) // an anonymous struct or union
				continue
			}
			what := typ + "." + name
			if f.IsBitfield() {
				// The bytes of an object with only this bit-field set to
				// all ones show where its bits are.
				items = append(items, probeItem{what, fmt.Sprintf(`{ %s x; unsigned char *b = (unsigned char *)&x; memset(&x, 0, sizeof x); x.%s = -1; printf("%s bits"); for (int i = 0; i < (int)sizeof x; i++) printf(" %%02x", b[i]); printf("\n"); }`, typ, name, what)})
				continue
			}
			if f.IsFlexibleArrayMember() {
				items = append(items, probeItem{what, fmt.Sprintf(`printf("%s offset %%d\n", (int)offsetof(%s, %s));`, what, typ, name)})
				continue
			}
			items = append(items, probeItem{what, fmt.Sprintf(`printf("%s offset %%d size %%d\n", (int)offsetof(%s, %s), (int)sizeof(((%s *)0)->%s));`, what, typ, name, typ, name)})
		}
	}
	walk(t)
	return items
}

// fnMacroProbes are function-like macros of the headers on sample
// arguments.
var fnMacroProbes = []string{
	"WEXITSTATUS(0x1234)", "WTERMSIG(0x1234)", "WIFEXITED(0x0300)", "WIFEXITED(0x0009)",
	"WIFSIGNALED(0x0009)", "WIFSIGNALED(0x0300)", "WIFSTOPPED(0x137f)", "WSTOPSIG(0x137f)",
	"S_ISDIR(040755)", "S_ISREG(0100644)", "S_ISREG(040755)", "S_ISSOCK(0140777)", "S_ISFIFO(010600)",
	"S_ISLNK(0120777)", "S_ISCHR(020666)", "S_ISBLK(060660)",
	"CMSG_ALIGN(5)", "CMSG_SPACE(4)", "CMSG_LEN(4)", "CMSG_SPACE(12)", "CMSG_LEN(12)",
	"LOG_MASK(LOG_ERR)", "LOG_UPTO(LOG_NOTICE)", "LOG_PRI(LOG_DAEMON|LOG_WARNING)", "LOG_MAKEPRI(LOG_USER, LOG_INFO)", "LOG_FAC(LOG_LOCAL3|LOG_ERR)",
	"IN_CLASSA(0x0a000001)", "IN_CLASSB(0xac100001)", "IN_CLASSC(0xc0a80001)", "IN_MULTICAST(0xe0000001)",
	"IN_BADCLASS(0xf0000001)", "IN_EXPERIMENTAL(0xf0000001)",
	"IN6_IS_ADDR_LOOPBACK(&in6addr_loopback)", "IN6_IS_ADDR_UNSPECIFIED(&in6addr_any)",
	"IN6_IS_ADDR_LOOPBACK(&in6addr_any)", "IN6_IS_ADDR_MULTICAST(&in6addr_any)",
	"IN6_ARE_ADDR_EQUAL(&in6addr_any, &in6addr_loopback)",
	"howmany(10, 4)", "roundup(10, 4)", "powerof2(64)", "powerof2(65)", "MIN(3, 4)", "MAX(3, 4)",
	"htobe16(0x1234)", "be32toh(0x12345678)", "htole64(0x1122334455667788)", "bswap_32(0x01020304)",
	"LOG_PRI(0x1f)", "IPTOS_TOS(0xff)", "IPTOS_PREC(0xff)", "IPTOS_DSCP(0xff)", "IPTOS_ECN(0xff)",
	"sizeof(fd_set)", "FD_SETSIZE / NFDBITS", "sizeof(jmp_buf)", "sizeof(sigjmp_buf)",
	"sizeof(((struct sockaddr_un *)0)->sun_path)", "SUN_LEN((&(struct sockaddr_un){AF_UNIX, \"/tmp/x\"}))",
	"sizeof(struct epoll_event[2])", "__alignof__(struct epoll_event)",
	"W_EXITCODE(3, 0)", "W_STOPCODE(19)",
}

// compareWithGcc builds the probe with gcc and netplay, drops (and
// reports) the items either cannot compile, runs both and compares.
func compareWithGcc(t *testing.T, gcc, prefix string, items []probeItem) {
	dir := t.TempDir()
	head := includeAll(prefix) + "int main(void) {\n"
	first := strings.Count(head, "\n") + 1 // the line of items[0]
	build := func() string {
		var b strings.Builder
		b.WriteString(head)
		for _, it := range items {
			b.WriteString(it.code + "\n")
		}
		b.WriteString("return 0;\n}\n")
		return b.String()
	}
	var failures []string
	drop := func(who string, lines map[int]string) {
		var keep []probeItem
		for i, it := range items {
			if msg, bad := lines[first+i]; bad {
				failures = append(failures, fmt.Sprintf("%s: %s: %s", it.what, who, msg))
				continue
			}
			keep = append(keep, it)
		}
		items = keep
	}
	errLine := regexp.MustCompile(`(?m)^probe\.c:(\d+):\d+: (?:error: )?(.*)$`)
	errLines := func(text string, onlyErrors bool) map[int]string {
		lines := map[int]string{}
		for _, m := range errLine.FindAllStringSubmatch(text, -1) {
			if onlyErrors && !strings.Contains(m[0], "error") {
				continue
			}
			n, _ := strconv.Atoi(m[1])
			if _, seen := lines[n]; !seen {
				lines[n] = m[2]
			}
		}
		return lines
	}
	// What gcc refuses, glibc does not have (in this mode); what netplay
	// refuses, it cannot compile. Both build the same items in the end.
	var prog *Program
	for round := 0; ; round++ {
		if round > 10 {
			t.Fatal("the probe does not converge")
		}
		src := build()
		os.WriteFile(filepath.Join(dir, "probe.c"), []byte(src), 0o644)
		cmd := exec.Command(gcc, "-w", "-fno-builtin", "-o", filepath.Join(dir, "probe"), "probe.c")
		cmd.Dir = dir
		if out, err := cmd.CombinedOutput(); err != nil {
			lines := errLines(string(out), true)
			if len(lines) == 0 {
				t.Fatalf("gcc cannot build the probe:\n%s", out)
			}
			drop("not in glibc (gcc)", lines)
			continue
		}
		p, err := Compile("probe.c", src)
		if err != nil {
			lines := errLines(err.Error(), false)
			if len(lines) == 0 {
				t.Fatalf("netplay cannot build the probe:\n%v", err)
			}
			drop("netplay", lines)
			continue
		}
		prog = p
		break
	}
	for _, f := range failures {
		t.Error(f)
	}
	gccOut, err := exec.Command(filepath.Join(dir, "probe")).Output()
	if err != nil {
		t.Fatalf("gcc's probe: %v", err)
	}
	got := runProg(prog)
	if got.fault != "" {
		t.Fatalf("netplay's probe: %s", got.fault)
	}
	want := strings.Split(string(gccOut), "\n")
	have := strings.Split(got.stdout, "\n")
	if len(want) != len(have) {
		t.Fatalf("gcc printed %d lines, netplay %d", len(want), len(have))
	}
	diffs := 0
	for i := range want {
		if want[i] != have[i] {
			diffs++
			t.Errorf("glibc:   %s\nnetplay: %s", want[i], have[i])
		}
	}
	t.Logf("%d items compared, %d differ, %d not buildable", len(items), diffs, len(failures))
}

// TestHeaderFunctionsLink: every function a header declares is in the C
// library (libc.Funcs, or libc.NotYet until it is: it then fails at run
// time as Linux fails what it cannot do), or a builtin of the compiler; a
// program that calls it compiles and links.
func TestHeaderFunctionsLink(t *testing.T) {
	ast, err := probeFrontEnd(includeAll("#define _GNU_SOURCE 1\n") + "int main(void) { return 0; }\n")
	if err != nil {
		t.Fatal(err)
	}
	var missing []string
	n := 0
	for name, nodes := range ast.Scope.Nodes {
		for _, nd := range nodes {
			d, ok := nd.(*cc.Declarator)
			if !ok || d.IsTypename() || d.Type().Kind() != cc.Function || !strings.HasPrefix(d.Position().Filename, sysInclude+"/") {
				continue
			}
			n++
			if _, ok := libc.Lookup(name); !ok && !compilerBuiltins[name] {
				missing = append(missing, name)
			}
			break
		}
	}
	sort.Strings(missing)
	if len(missing) > 0 {
		t.Errorf("%d of %d declared functions are not in the C library: %s", len(missing), n, strings.Join(missing, " "))
	}
	for name := range libc.NotYet {
		if _, ok := libc.Funcs[name]; ok {
			t.Errorf("%s is implemented: take it out of libc.NotYet", name)
		}
	}
}

// compilerBuiltins are the functions (*compiler).builtin compiles itself.
var compilerBuiltins = map[string]bool{
	"__netplay_va_start": true, "__builtin_va_arg_impl": true, "__builtin_expect": true,
	"__builtin_bswap16": true, "__builtin_bswap32": true, "__builtin_bswap64": true,
	"__builtin_unreachable": true, "__builtin_trap": true,
}
