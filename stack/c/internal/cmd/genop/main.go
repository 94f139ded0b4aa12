// Command genop writes stack/c's generated files (package genop says what
// they are) into the current directory, or into -dir; go generate in
// stack/c runs it.
package main

import (
	"flag"
	"log"
	"os"
	"path/filepath"

	"netplay/stack/c/internal/genop"
)

func main() {
	dir := flag.String("dir", ".", "where to write the files")
	flag.Parse()
	files, err := genop.Files()
	if err != nil {
		log.Fatal(err)
	}
	for _, f := range files {
		if err := os.WriteFile(filepath.Join(*dir, f.Name), f.Src, 0o644); err != nil {
			log.Fatal(err)
		}
	}
}
