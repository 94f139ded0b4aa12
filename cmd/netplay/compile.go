package main

import "netplay/stack/c"

// compileC is the C front end the headless runner uses: stack/c compiles
// each host's program and binds it to the socket layer.
var compileC = c.CompileProgram
