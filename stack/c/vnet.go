package c

import (
	"netplay/stack/kernel"
	"netplay/stack/libc"
	"netplay/stack/scenario"
	"netplay/stack/vnet"
)

// *vnet.Thread is the system a compiled program runs on.
var _ libc.System = (*vnet.Thread)(nil)

// Program returns the compiled program as a vnet program: it gets its own
// memory, a kernel task (descriptors 0, 1 and 2 on the host's terminal),
// argv[1:] from the scenario, and ends with a runtime fault
// ("Segmentation fault at server.c:14") through Process.Crash.
func (p *Program) Program() vnet.Program {
	return func(th *vnet.Thread) int {
		return p.Run(th, th.Args(), Options{Kernel: kernel.New(th).AsLearner()}, th.Crash)
	}
}

// CompileProgram builds a host's program (see Build) and returns it as a
// vnet program, with its warnings as gcc prints them ("file:line:col:
// warning: message [-Wflag]"); it is what stack/runner's Options.Compile
// takes. The error (*CompileError) lists every error as "file:line:col:
// message", one a line.
func CompileProgram(main scenario.File, own, shared []scenario.File) (vnet.Program, []string, error) {
	p, err := Build(main, own, shared)
	if err != nil {
		return nil, nil, err
	}
	var warns []string
	for _, w := range p.Warnings {
		warns = append(warns, w.String())
	}
	return p.Program(), warns, nil
}
