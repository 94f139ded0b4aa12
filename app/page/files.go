package page

import (
	"fmt"
	"sort"
	"strings"

	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"netplay/app/editor"
	"netplay/app/project"
	"netplay/stack/scenario"
)

// The project's files besides the hosts' programs: the shared tree
// (Scenario.Files, e.g. lib/) and each host's own files (Host.Files),
// listed as a tree; a file clicked opens in its tab (its own editor).
// The learner adds, renames and deletes files, and takes a folder, some
// files or a zip in by dropping them on the editors or picking them
// (app/project reads them).

// projectFiles is the state of the files panel.
type projectFiles struct {
	fileKeys map[string]string // fileID → editor id (stable while the file keeps its name)
	openFile string            // the fileID shown in the file tab; "" none
	renaming string            // the fileID whose name is being edited
	newOwner string            // "+ file" asked for a file of this owner ("" shared) when adding
	adding   bool
	dragging bool   // files are dragged over the editors
	filesMsg string // what the last take-in did, or why it failed
}

// dragOver lets the editors take a drop.
func (p *Playground) dragOver(ctx app.Context, e app.Event) {
	e.PreventDefault()
	p.dragging = true
}

// fileID names a file of the project: its owner (a host's editor key, ""
// for the shared tree) and its name.
func fileID(owner, name string) string { return owner + "\x00" + name }

func splitID(id string) (owner, name string) {
	owner, name, _ = strings.Cut(id, "\x00")
	return owner, name
}

// fileKey is the editor id of a project file.
func (p *Playground) fileKey(id string) string {
	if p.fileKeys == nil {
		p.fileKeys = map[string]string{}
	}
	k, ok := p.fileKeys[id]
	if !ok {
		k = p.newKey()
		p.fileKeys[id] = k
	}
	return k
}

// filesOf returns the list a file's owner keeps: the shared files, or a
// host's own; nil when the owner is gone.
func (p *Playground) filesOf(owner string) *[]scenario.File {
	if owner == "" {
		return &p.sc.Files
	}
	for i, k := range p.keys {
		if k == owner && i < len(p.sc.Hosts) {
			return &p.sc.Hosts[i].Files
		}
	}
	return nil
}

// renderFiles: the tree (shared files by folder, then each host's program
// and own files), its buttons, and the tab of the file opened.
func (p *Playground) renderFiles() app.UI {
	var rows []app.UI
	shared := append([]scenario.File(nil), p.sc.Files...)
	sort.Slice(shared, func(i, j int) bool { return shared[i].Name < shared[j].Name })
	folder := ""
	for _, f := range shared {
		if dir := dirOf(f.Name); dir != folder {
			folder = dir
			if dir != "" {
				rows = append(rows, app.Li().Class("np-tree-dir").Text(dir+"/"))
			}
		}
		rows = append(rows, p.renderFileRow("", f.Name, strings.Count(f.Name, "/")))
	}
	for i := range p.sc.Hosts {
		h := &p.sc.Hosts[i]
		owner := p.keys[i]
		rows = append(rows, app.Li().Class("np-tree-host").Title(h.Name).Body(
			app.Span().Text(h.Name+": "),
			app.Button().Class("np-tree-prog").Title(p.t("files.program")).
				OnClick(func(ctx app.Context, e app.Event) { p.showProgram(owner) }, owner).Text(h.FileName()),
			app.Button().Class("np-icon np-file-add-own").Title(p.t("files.own")).
				OnClick(func(ctx app.Context, e app.Event) { p.adding, p.newOwner = true, owner }, owner).Text("+"),
		))
		for _, f := range h.Files {
			rows = append(rows, p.renderFileRow(owner, f.Name, 1))
		}
	}
	return app.Div().ID("np-files").Class("np-files").Body(
		app.Div().Class("np-files-head").Body(
			app.H2().Text(p.t("files")),
			app.Button().ID("np-file-add").Class("np-btn np-small").OnClick(func(ctx app.Context, e app.Event) {
				p.adding, p.newOwner = true, ""
			}).Text(p.t("files.add")),
			app.Label().Class("np-btn np-small np-file-pick").Title(p.t("pick.title")).Body(
				app.Text(p.t("files.pick")),
				app.Input().ID("np-file-pick").Type("file").Multiple(true).Accept(".c,.h,.txt,.json,.zip,.md").OnChange(p.picked),
			),
			app.Label().Class("np-btn np-small np-file-pick").Title(p.t("folder.title")).Body(
				app.Text(p.t("files.folder")),
				app.Input().ID("np-folder-pick").Type("file").Attr("webkitdirectory", true).OnChange(p.picked),
			),
		),
		app.If(p.adding, app.Div().Class("np-file-new").Body(
			app.Input().ID("np-file-name").Type("text").Placeholder("lib/util.c").AutoFocus(true).OnChange(p.addFile),
		)),
		app.If(p.filesMsg != "", app.P().ID("np-files-msg").Class("np-files-msg").Text(p.filesMsg)),
		app.Ul().Class("np-tree"+map[bool]string{true: " np-tree-flat"}[p.programsOnly()]).Body(rows...),
		p.renderFileTab(),
	)
}

func (p *Playground) renderFileRow(owner, name string, depth int) app.UI {
	id := fileID(owner, name)
	cls := "np-tree-file"
	if id == p.openFile {
		cls += " np-tree-on"
	}
	if id == p.renaming {
		return app.Li().Class(cls).Style("padding-left", fmt.Sprintf("%dem", depth)).Body(
			app.Input().Class("np-file-rename").Type("text").Value(name).AutoFocus(true).OnChange(func(ctx app.Context, e app.Event) {
				p.renameFile(id, ctx.JSSrc().Get("value").String())
			}, id),
		)
	}
	return app.Li().Class(cls).Style("padding-left", fmt.Sprintf("%dem", depth)).DataSet("file", name).Body(
		app.Button().Class("np-tree-name").OnClick(func(ctx app.Context, e app.Event) { p.syncFiles(); p.openFile = id }, id).Text(baseOf(name)),
		app.Button().Class("np-icon").Title(p.t("files.rename")).OnClick(func(ctx app.Context, e app.Event) { p.renaming = id }, id).Text("✎"),
		app.Button().Class("np-icon").Title(p.t("files.delete")).OnClick(func(ctx app.Context, e app.Event) { p.deleteFile(id) }, id).Text("✕"),
	)
}

// renderFileTab is the tab of the file opened from the tree.
func (p *Playground) renderFileTab() app.UI {
	owner, name := splitID(p.openFile)
	list := p.filesOf(owner)
	if p.openFile == "" || list == nil {
		return app.Div()
	}
	for _, f := range *list {
		if f.Name == name {
			return app.Div().Class("np-editor-box np-file-tab").Body(
				app.Div().Class("np-editor-title").Body(
					app.Span().Class("np-file").Text(name),
					app.Span().Class("np-spacer"),
					app.Button().Class("np-icon").Title(p.t("files.close")).OnClick(func(ctx app.Context, e app.Event) { p.syncFiles(); p.openFile = "" }).Text("✕"),
				),
				&editor.Editor{ID: p.fileKey(p.openFile), Doc: f.Text, Label: name, Marks: p.marksOf(p.fileKey(p.openFile))},
			)
		}
	}
	return app.Div()
}

// marksOf is what the last run marked in the editor with id k: its
// compile errors and warnings (a file tab mounts after the run).
func (p *Playground) marksOf(k string) []editor.Mark {
	return append(append([]editor.Mark(nil), p.compile[k]...), p.warnMarks[k]...)
}

// openMarkedFile opens the tab of a project file with compile errors when
// no file is open: the learner sees the first error where it is.
func (p *Playground) openMarkedFile() {
	if p.openFile != "" {
		return
	}
	for id, k := range p.fileKeys {
		if len(p.compile[k]) > 0 {
			p.openFile = id
			return
		}
	}
}

// showProgram brings a host's program forward (its editor).
func (p *Playground) showProgram(owner string) {
	p.syncFiles()
	p.openFile = ""
	editor.Focus(owner)
}

// syncFiles copies what was typed in the file tab into the scenario.
func (p *Playground) syncFiles() {
	if p.openFile == "" {
		return
	}
	owner, name := splitID(p.openFile)
	list := p.filesOf(owner)
	if list == nil {
		return
	}
	if doc, ok := editor.Get(p.fileKey(p.openFile)); ok {
		for k := range *list {
			if (*list)[k].Name == name {
				(*list)[k].Text = doc
			}
		}
	}
}

// addFile adds an empty shared file of the name typed and opens it.
func (p *Playground) addFile(ctx app.Context, e app.Event) {
	name := strings.TrimSpace(ctx.JSSrc().Get("value").String())
	p.adding = false
	if err := p.checkNewName(p.newOwner, name); err != nil {
		p.filesMsg = err.Error()
		return
	}
	list := p.filesOf(p.newOwner)
	*list = append(*list, scenario.File{Name: name})
	p.syncFiles()
	p.openFile, p.filesMsg = fileID(p.newOwner, name), ""
}

// checkNewName refuses a name the project cannot take: a bad path, or one
// in use (as a file, a program or a folder).
func (p *Playground) checkNewName(owner, name string) error {
	if err := scenario.CheckPath(name); err != nil {
		return err
	}
	taken := func(n string) bool {
		return n == name || strings.HasPrefix(n, name+"/") || strings.HasPrefix(name, n+"/")
	}
	for _, f := range p.sc.Files {
		if taken(f.Name) {
			return fmt.Errorf("%s: the project has %s already", name, f.Name)
		}
	}
	for i, h := range p.sc.Hosts {
		if taken(h.FileName()) && (owner == "" || owner == p.keys[i]) {
			return fmt.Errorf("%s: that is %s's program", name, h.Name)
		}
		for _, f := range h.Files {
			if taken(f.Name) && (owner == "" || owner == p.keys[i]) {
				return fmt.Errorf("%s: %s has %s already", name, h.Name, f.Name)
			}
		}
	}
	return nil
}

// renameFile gives a file a new name; its tab and editor follow it.
func (p *Playground) renameFile(id, name string) {
	p.renaming = ""
	owner, old := splitID(id)
	name = strings.TrimSpace(name)
	if name == old {
		return
	}
	if err := p.checkNewName(owner, name); err != nil {
		p.filesMsg = err.Error()
		return
	}
	p.syncFiles()
	list := p.filesOf(owner)
	if list == nil {
		return
	}
	for k := range *list {
		if (*list)[k].Name == old {
			(*list)[k].Name = name
		}
	}
	nid := fileID(owner, name)
	if k, ok := p.fileKeys[id]; ok {
		p.fileKeys[nid] = k
		delete(p.fileKeys, id)
	}
	if p.openFile == id {
		p.openFile = nid
	}
	p.filesMsg = ""
}

// deleteFile removes a file from the project.
func (p *Playground) deleteFile(id string) {
	owner, name := splitID(id)
	list := p.filesOf(owner)
	if list == nil {
		return
	}
	for k := range *list {
		if (*list)[k].Name == name {
			*list = append((*list)[:k:k], (*list)[k+1:]...)
			break
		}
	}
	delete(p.fileKeys, id)
	if p.openFile == id {
		p.openFile = ""
	}
}

// picked takes in the files chosen with a file input (files, a folder).
func (p *Playground) picked(ctx app.Context, e app.Event) {
	root := p.rootCtx(ctx)
	readPicked(ctx.JSSrc(), func(ups []project.Upload, err error) {
		root.Dispatch(func(ctx app.Context) { p.takeIn(ctx, ups, err) })
	})
}

// dropped takes in what was dropped on the editors: files, folders, a zip.
func (p *Playground) dropped(ctx app.Context, e app.Event) {
	e.PreventDefault()
	p.dragging = false
	root := p.rootCtx(ctx)
	readDropped(e, func(ups []project.Upload, err error) {
		root.Dispatch(func(ctx app.Context) { p.takeIn(ctx, ups, err) })
	})
}

// takeIn puts uploaded files into the scenario: a course's folder (with
// netplay.json) opens as its scenario, other files join the project.
func (p *Playground) takeIn(ctx app.Context, ups []project.Upload, err error) {
	if err == nil && len(ups) == 0 {
		return
	}
	var files []scenario.File
	var notes []string
	if err == nil {
		files, notes, err = project.Read(ups)
	}
	if err != nil {
		p.filesMsg = p.t("files.bad") + " " + err.Error()
		return
	}
	p.syncDocs()
	sc, err := project.Apply(p.sc, files)
	if err != nil {
		p.filesMsg = p.t("files.bad") + " " + err.Error()
		return
	}
	if len(sc.Hosts) != len(p.sc.Hosts) || sc.Title != p.sc.Title {
		p.setScenario(sc, "")
		p.prepareSoon(ctx)
	} else {
		p.sc = sc
		p.remountEditors()
	}
	p.filesMsg = fmt.Sprintf(p.t("files.taken"), len(files))
	if len(notes) > 0 {
		p.filesMsg += " " + strings.Join(notes, "; ")
	}
}

// remountEditors gives every editor a new id, so that each shows the
// scenario's text again (files taken in replaced what they held).
func (p *Playground) remountEditors() {
	for i := range p.keys {
		p.keys[i] = p.newKey()
	}
	p.fileKeys = nil
	p.openFile = ""
}

// projectFileID is the file a call of host's program was made in: one of
// the host's own files, or a shared one; "" when the project has none of
// that name.
func (p *Playground) projectFileID(host, name string) string {
	for i, h := range p.sc.Hosts {
		if h.Name != host {
			continue
		}
		for _, f := range h.Files {
			if f.Name == name {
				return fileID(p.keys[i], name)
			}
		}
	}
	for _, f := range p.sc.Files {
		if f.Name == name {
			return fileID("", name)
		}
	}
	return ""
}

// keyOfFile is the editor id of the file a compiler message names: a
// host's program, or a project file (opened in its tab); "" when none.
func (p *Playground) keyOfFile(name string) string {
	if i := p.hostByFile(name); i >= 0 {
		return p.keys[i]
	}
	for _, f := range p.sc.Files {
		if f.Name == name {
			return p.fileKey(fileID("", name))
		}
	}
	for i, h := range p.sc.Hosts {
		for _, f := range h.Files {
			if f.Name == name {
				return p.fileKey(fileID(p.keys[i], name))
			}
		}
	}
	return ""
}

func dirOf(name string) string {
	if i := strings.LastIndexByte(name, '/'); i >= 0 {
		return name[:i]
	}
	return ""
}

func baseOf(name string) string { return name[strings.LastIndexByte(name, '/')+1:] }

// programsOnly: the project is its hosts' programs alone (no shared
// files, no host's own files), so the files panel lists them on one line.
func (p *Playground) programsOnly() bool {
	if len(p.sc.Files) > 0 || p.adding {
		return false
	}
	for _, h := range p.sc.Hosts {
		if len(h.Files) > 0 {
			return false
		}
	}
	return true
}
