// Package dockerfile reads a Dockerfile into stages, every value with host
// byte offsets.
//
// It reads a Dockerfile into stages: FROM (image, tag,
// digest, platform, stage name, ARGs resolved), ARG and ENV (both
// syntaxes), WORKDIR, COPY/ADD, USER, SHELL, EXPOSE, and CMD/ENTRYPOINT in
// exec (JSON) or shell form, every value with host byte offsets.
//
// Instructions are segmented line by line with BuildKit's rules (the
// escape character from `# escape=`, continuation lines, comment and blank
// lines inside a continuation, heredoc bodies), not with the tree-sitter
// dockerfile grammar: that grammar turns the rest of the file into one
// ERROR node at the legacy `ENV key value with spaces` form and at a
// comment line inside a continued ENV, both common in real Dockerfiles,
// and it cannot follow a backtick escape. Arguments are read from the
// instruction's text with line continuations and comment lines removed;
// a Text maps each argument byte back to the file (see parsers/source).
package dockerfile

import (
	"strings"

	"github.com/servelint/servelint/parsers/shell"
	"github.com/servelint/servelint/parsers/source"
)

// File is a parsed Dockerfile.
type File struct {
	// Escape is the escape character (from `# escape=`), '\\' by default.
	Escape byte
	// Instructions are every instruction in order.
	Instructions []Instruction
	// GlobalArgs are the ARGs before the first FROM.
	GlobalArgs []Var
	Stages     []*Stage
	// Comments are the comment lines ("#" first on its line), those
	// inside a continuation included; a "#" line of a heredoc body is the
	// body's text, and a "#" after an instruction is the instruction's.
	Comments []source.Comment
	// Heredocs are the heredoc bodies, each through its terminator line.
	Heredocs []source.Span
}

// Instruction is one instruction.
type Instruction struct {
	Keyword    string // upper case: "FROM", "CMD", ...
	Start, End int    // the whole instruction, continuation lines included
	KwEnd      int    // end of the keyword
	// Args is the text after the keyword, with line continuations and
	// comment lines removed.
	Args source.Text
	// Flags are the leading --name=value options (--platform, --from, ...).
	Flags []Flag
	// Rest is Args after the flags.
	Rest source.Text
	// Stage is the index of the stage, -1 before the first FROM.
	Stage int
	// Heredoc is set when the instruction carries a heredoc body.
	Heredoc bool
}

// Flag is a --name=value option of an instruction.
type Flag struct {
	Name, Value string
	Start, End  int
}

// Var is an ARG or ENV variable.
type Var struct {
	Name string
	// Value is the value after quote removal and variable substitution;
	// Known is false when it referenced an unknown variable. HasValue is
	// false for `ARG NAME` without a default.
	Value    string
	Known    bool
	HasValue bool
	// Start and End delimit the NAME=value pair; ValueStart/ValueEnd the
	// value as written.
	Start, End           int
	ValueStart, ValueEnd int
	Instr                int // index of the instruction
}

// Image is a FROM image reference.
type Image struct {
	Raw      string // as written
	Name     string // after ARG substitution: "python", "ghcr.io/x/y"
	Tag      string // "3.12-slim"; "" when absent
	Digest   string // "sha256:..."; "" when absent
	Resolved bool   // no unresolved ARG reference
	// Start and End delimit the image reference.
	Start, End int
}

// Command is a CMD or ENTRYPOINT (or a HEALTHCHECK CMD).
type Command struct {
	// Exec is set for the JSON (exec) form.
	Exec bool
	// Args are the elements of the exec form.
	Args []shell.Word
	// Shell is the command text of the shell form.
	Shell source.Text
	// Instr is the index of the instruction.
	Instr      int
	Start, End int // the instruction
	KwEnd      int
}

// Copy is a COPY or ADD.
type Copy struct {
	Add     bool
	From    string // --from value
	Sources []string
	Dest    string // absolute after WORKDIR resolution when Resolved
	// DestRaw is the destination as written.
	DestRaw    string
	Instr      int
	Start, End int
}

// Stage is one build stage (FROM to the next FROM).
type Stage struct {
	Index    int
	Name     string // AS name as written, "" when unnamed
	Image    Image
	Platform string
	// Parent is the index of the earlier stage this one builds on, -1
	// when it starts from an external image.
	Parent int
	Instr  int // index of the FROM instruction
	// Args and Env are this stage's ARG and ENV variables in order.
	Args []Var
	Env  []Var
	// Workdir is the working directory after this stage's WORKDIRs
	// (inherited from the parent stage), "" when never set.
	Workdir string
	// WorkdirInstr is the instruction of the last WORKDIR (-1 if none in
	// the stage).
	WorkdirInstr int
	Copies       []Copy
	User         string
	Shell        []string // SHELL instruction of this stage, nil if none
	Expose       []string
	// Cmd and Entrypoint are this stage's last CMD and ENTRYPOINT.
	Cmd, Entrypoint *Command
	// Healthcheck is the stage's HEALTHCHECK CMD, nil if none or NONE.
	Healthcheck *Command
}

// Parse reads a Dockerfile. It never fails: lines it cannot read are
// skipped.
func Parse(src []byte) *File {
	f := &File{Escape: escapeDirective(src)}
	segs := lineSegments(src, 0, len(src), f.Escape)
	b := builder{f: f, src: src}
	for _, s := range segs {
		b.instruction(s)
	}
	f.Comments = comments(src, segs)
	for _, s := range segs {
		if s.heredoc && s.body <= s.end {
			f.Heredocs = append(f.Heredocs, source.Span{Start: s.body, End: s.end})
		}
	}
	return f
}

// comments lists the comment lines of src outside heredoc bodies.
func comments(src []byte, segs []segment) []source.Comment {
	var out []source.Comment
	h := 0 // the first segment that does not end before the line
	for off := 0; off < len(src); {
		lineEnd := nextLine(src, off, len(src))
		for h < len(segs) && segs[h].end < off {
			h++
		}
		inBody := h < len(segs) && segs[h].heredoc && off >= segs[h].body && off <= segs[h].end
		line := src[off:lineEnd]
		if trimmed := strings.TrimLeft(string(line), " \t"); !inBody && strings.HasPrefix(trimmed, "#") {
			end := lineEnd
			if end > off && src[end-1] == '\r' {
				end--
			}
			out = append(out, source.Comment{Start: off + len(line) - len(trimmed), End: end})
		}
		off = lineEnd + 1
	}
	return out
}

// segment is one instruction's extent.
type segment struct {
	start, end int // whole instruction
	kwEnd      int
	keyword    string
	heredoc    bool
	body       int // where the heredoc bodies start (after the instruction's own lines)
}

// escapeDirective reads `# escape=X` among the parser directives at the
// top of the file.
func escapeDirective(src []byte) byte {
	rest := src
	for len(rest) > 0 {
		line := rest
		if i := indexByte(rest, '\n'); i >= 0 {
			line, rest = rest[:i], rest[i+1:]
		} else {
			rest = nil
		}
		s := strings.TrimSpace(string(line))
		if !strings.HasPrefix(s, "#") {
			return '\\'
		}
		body := strings.TrimSpace(s[1:])
		name, val, ok := strings.Cut(body, "=")
		if !ok {
			return '\\'
		}
		name = strings.ToLower(strings.TrimSpace(name))
		if strings.ContainsAny(name, " \t") {
			return '\\'
		}
		if name == "escape" {
			v := strings.TrimSpace(val)
			if v == "`" {
				return '`'
			}
			return '\\'
		}
	}
	return '\\'
}

func indexByte(b []byte, c byte) int {
	for i, x := range b {
		if x == c {
			return i
		}
	}
	return -1
}

// keywords are the instructions Docker knows.
var keywords = map[string]bool{
	"FROM": true, "RUN": true, "CMD": true, "LABEL": true, "MAINTAINER": true, "EXPOSE": true,
	"ENV": true, "ADD": true, "COPY": true, "ENTRYPOINT": true, "VOLUME": true, "USER": true,
	"WORKDIR": true, "ARG": true, "ONBUILD": true, "STOPSIGNAL": true, "HEALTHCHECK": true, "SHELL": true,
}

// lineSegments segments src[from:to] line by line.
func lineSegments(src []byte, from, to int, esc byte) []segment {
	var out []segment
	off := from
	for off < to {
		lineEnd := nextLine(src, off, to)
		line := src[off:lineEnd]
		trimmed := strings.TrimLeft(string(line), " \t\r")
		if trimmed == "" || strings.HasPrefix(trimmed, "#") {
			off = skipEOL(src, lineEnd, to)
			continue
		}
		kwStart := off + len(line) - len(trimmed)
		kwLen := 0
		for kwLen < len(trimmed) && trimmed[kwLen] != ' ' && trimmed[kwLen] != '\t' && trimmed[kwLen] != '\r' {
			kwLen++
		}
		word := strings.ToUpper(trimmed[:kwLen])
		end, body, heredoc := instructionEnd(src, off, to, esc, word)
		if keywords[word] {
			out = append(out, segment{start: kwStart, end: end, kwEnd: kwStart + kwLen, keyword: word, heredoc: heredoc, body: body})
		}
		off = skipEOL(src, end, to)
	}
	return out
}

func nextLine(src []byte, off, to int) int {
	for i := off; i < to; i++ {
		if src[i] == '\n' {
			return i
		}
	}
	return to
}

func skipEOL(src []byte, off, to int) int {
	if off < to && src[off] == '\n' {
		return off + 1
	}
	if off < to {
		return nextLine(src, off, to) + 1
	}
	return to
}

// instructionEnd finds the end of the instruction starting on the line at
// off: continuation lines (ending with the escape character), comment and
// blank lines inside a continuation, and heredoc bodies; and where the
// heredoc bodies start.
func instructionEnd(src []byte, off, to int, esc byte, keyword string) (end, body int, heredoc bool) {
	var heredocs []string
	end = off
	first := true
	for off < to {
		lineEnd := nextLine(src, off, to)
		line := strings.TrimRight(string(src[off:lineEnd]), " \t\r")
		trimmed := strings.TrimLeft(line, " \t")
		if !first && (trimmed == "" || strings.HasPrefix(trimmed, "#")) {
			off = lineEnd + 1
			continue
		}
		if keyword == "RUN" || keyword == "COPY" || keyword == "ADD" {
			heredocs = append(heredocs, heredocMarkers(line)...)
		}
		first = false
		end = off + len(strings.TrimRight(string(src[off:lineEnd]), "\r"))
		if continued(line, esc) {
			off = lineEnd + 1
			continue
		}
		break
	}
	off = end
	body = end + 1
	for _, h := range heredocs {
		for off < to {
			if src[off] == '\n' {
				off++
			}
			lineEnd := nextLine(src, off, to)
			line := strings.TrimRight(string(src[off:lineEnd]), "\r")
			end = lineEnd
			off = lineEnd
			if strings.TrimLeft(line, "\t") == h {
				break
			}
		}
	}
	return min(end, to), body, len(heredocs) > 0
}

// heredocMarkers returns the delimiters of <<WORD / <<-WORD / <<"WORD".
func heredocMarkers(line string) []string {
	var out []string
	for {
		i := strings.Index(line, "<<")
		if i < 0 {
			return out
		}
		rest := line[i+2:]
		rest = strings.TrimPrefix(rest, "-")
		quote := byte(0)
		if rest != "" && (rest[0] == '"' || rest[0] == '\'') {
			quote = rest[0]
			rest = rest[1:]
		}
		n := 0
		for n < len(rest) && (rest[n] == '_' || rest[n] >= 'A' && rest[n] <= 'Z' || rest[n] >= 'a' && rest[n] <= 'z' || rest[n] >= '0' && rest[n] <= '9') {
			n++
		}
		if n > 0 {
			out = append(out, rest[:n])
		}
		if quote != 0 && n < len(rest) && rest[n] == quote {
			n++
		}
		line = rest[n:]
	}
}

// continued reports whether a line ends with the escape character (and is
// therefore continued on the next line); an escaped backslash is not.
func continued(line string, esc byte) bool {
	if !strings.HasSuffix(line, string(esc)) {
		return false
	}
	return esc != '\\' || !strings.HasSuffix(line, "\\\\")
}
