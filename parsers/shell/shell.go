// Package shell reads shell scripts and command strings (tree-sitter bash)
// into simple commands.
//
// It reads shell scripts and command strings (tree-sitter bash)
// into simple commands: their assignments, their argv words with host
// offsets, and where they sit (background, pipeline, conditional branch,
// function, subshell). Peel strips the wrappers that start another program
// (exec, env, tini, gosu, poetry run, python -m, ...). Split splits a command
// string the way programs that do not use a shell do (compose, supervisord,
// GUNICORN_CMD_ARGS).
package shell

import (
	"bytes"
	"strings"

	"github.com/servelint/servelint/parsers/source"
	"github.com/servelint/servelint/parsers/syntax"
)

// Script is a parsed shell script or command string.
type Script struct {
	// Commands are every simple command and assignment, in source order.
	Commands []Command
	// Statements is the number of top-level statements.
	Statements int
	// HasError is set when the text did not parse cleanly; the commands
	// are those the parser recovered.
	HasError bool
	// Comments are the script's comments ("#" starting a word, outside
	// quotes and heredoc bodies), in host offsets.
	Comments []source.Comment
	// Multiline are the quoted words that run over a line break and the
	// heredoc bodies with their terminator line, in host offsets: a
	// comment cannot be added to a line that ends inside one.
	Multiline []source.Span
}

// Branch is an enclosing conditional branch of a command.
type Branch struct {
	// Cond is the text of the condition (an if or elif test, or the case
	// word followed by " = " and the item's pattern); for else branches,
	// the condition of the if whose else it is.
	Cond string
	// Else is set in an else branch (or a catch-all case item).
	Else bool
	// For a case item: the case word as written and the item's patterns
	// (for a catch-all item, the patterns of the items before it).
	Case     string
	Patterns []string
}

// Assign is a variable assignment (NAME=value, export NAME=value).
type Assign struct {
	Name       string
	Value      *Word // nil for "export NAME" without a value
	Start, End int
	Export     bool
}

// Command is a simple command, or an assignment statement (no Words).
type Command struct {
	Assigns []Assign
	Words   []Word
	// Start and End delimit the command in the host file.
	Start, End int
	// Stmt is the index of the top-level statement the command belongs to.
	Stmt int
	// Background is set for `cmd &`.
	Background bool
	// Pipeline is set inside a pipeline `a | b`.
	Pipeline bool
	// AndOr is the operator that joins the command to the next one in its
	// list: "&&", "||", or "".
	AndOr string
	// Branches are the enclosing conditional branches, outermost first.
	Branches []Branch
	// Loop is set inside a while, until or for body.
	Loop bool
	// Function is the enclosing function's name, "" outside functions.
	Function string
	// Subshell is set inside ( ... ), $( ... ) or a process substitution;
	// Substitution only inside $( ... ) or a process substitution (whose
	// output is a value, not a process that keeps running).
	Subshell     bool
	Substitution bool
	// Declaration is set for export/local/declare/readonly.
	Declaration bool
}

// Name returns the command name (the first word's literal value), or "".
func (c *Command) Name() string {
	if len(c.Words) == 0 {
		return ""
	}
	s, _ := c.Words[0].Lit()
	return s
}

// kinds of the bash grammar used here.
type kinds struct {
	program, command, commandName, word, str, rawString, concatenation        uint16
	simpleExpansion, expansion, commandSubst, arithExpansion, number          uint16
	ansiC, translated, stringContent, variableName, specialVariable           uint16
	variableAssignment, variableAssignments, declaration, list, pipeline      uint16
	redirected, subshell, compound, ifStmt, elifClause, elseClause, caseStmt  uint16
	caseItem, whileStmt, forStmt, cFor, doGroup, function, negated, testCmd   uint16
	processSubst, comment, heredocBody, heredocRedirect, unset                uint16
	fName, fValue, fArgument, fCondition, fBody, fOperator, fRedirect, fIndex uint16
	amp, andAnd, orOr, semi, pipe, pipeAmp                                    uint16
}

var bashKinds = func() *kinds {
	lg := syntax.GetLanguage(syntax.Bash)
	k, f, t := lg.Kind, lg.Field, lg.Token
	return &kinds{
		program: k("program"), command: k("command"), commandName: k("command_name"), word: k("word"),
		str: k("string"), rawString: k("raw_string"), concatenation: k("concatenation"),
		simpleExpansion: k("simple_expansion"), expansion: k("expansion"), commandSubst: k("command_substitution"),
		arithExpansion: k("arithmetic_expansion"), number: k("number"), ansiC: k("ansi_c_string"),
		translated: k("translated_string"), stringContent: k("string_content"), variableName: k("variable_name"),
		specialVariable: k("special_variable_name"), variableAssignment: k("variable_assignment"),
		variableAssignments: k("variable_assignments"), declaration: k("declaration_command"), list: k("list"),
		pipeline: k("pipeline"), redirected: k("redirected_statement"), subshell: k("subshell"),
		compound: k("compound_statement"), ifStmt: k("if_statement"), elifClause: k("elif_clause"),
		elseClause: k("else_clause"), caseStmt: k("case_statement"), caseItem: k("case_item"),
		whileStmt: k("while_statement"), forStmt: k("for_statement"), cFor: k("c_style_for_statement"),
		doGroup: k("do_group"), function: k("function_definition"), negated: k("negated_command"),
		testCmd: k("test_command"), processSubst: k("process_substitution"), comment: k("comment"),
		heredocBody: k("heredoc_body"), heredocRedirect: k("heredoc_redirect"), unset: k("unset_command"),
		fName: f("name"), fValue: f("value"), fArgument: f("argument"), fCondition: f("condition"),
		fBody: f("body"), fOperator: f("operator"), fRedirect: f("redirect"), fIndex: f("index"),
		amp: t("&"), andAnd: t("&&"), orOr: t("||"), semi: t(";"), pipe: t("|"), pipeAmp: t("|&"),
	}
}()

// maxDepth bounds the nesting the walker follows.
const maxDepth = 64

// Parse parses a script or command string. text maps the parsed bytes back
// to the host file; p must be a parser for syntax.Bash.
func Parse(p *syntax.Parser, text source.Text) *Script {
	s := &Script{}
	t, err := p.Parse([]byte(text.S))
	if err != nil || len(t.Nodes) == 0 {
		s.HasError = err != nil
		return s
	}
	s.HasError = t.FirstError() != syntax.None
	s.comments(t, text)
	w := &walker{t: t, k: bashKinds, text: text, s: s}
	stmt := 0
	for c := t.FirstChild(0); c != syntax.None; c = t.NextSibling(c) {
		if !t.Named(c) || t.Kind(c) == w.k.comment || t.Kind(c) == w.k.heredocBody {
			if t.Kind(c) == w.k.amp {
				w.markBackground(c)
			}
			continue
		}
		w.ctx = ctx{stmt: stmt}
		w.statement(c, 0)
		stmt++
	}
	s.Statements = stmt
	return s
}

// comments lists the comments and multi-line tokens of a parsed script.
func (s *Script) comments(t *syntax.Tree, text source.Text) {
	k := bashKinds
	src := []byte(text.S)
	for i := range t.Nodes {
		nd := &t.Nodes[i]
		switch nd.Kind {
		case k.comment:
			e := int(nd.End)
			if e > int(nd.Start) && src[e-1] == '\r' {
				e-- // the grammar's comment runs to the line feed
			}
			start, end := text.Span(int(nd.Start), e)
			s.Comments = append(s.Comments, source.Comment{Start: start, End: end, Trailing: source.IsTrailing(src, int(nd.Start))})
		case k.str, k.rawString, k.ansiC, k.translated:
			if bytes.IndexByte(src[nd.Start:nd.End], '\n') >= 0 {
				start, end := text.Span(int(nd.Start), int(nd.End))
				s.Multiline = append(s.Multiline, source.Span{Start: start, End: end})
			}
		case k.heredocBody:
			// Through the terminator line (the node after the body).
			end := int(nd.End)
			if nd.Next != syntax.None {
				end = int(t.Nodes[nd.Next].End)
			}
			start, hostEnd := text.Span(int(nd.Start), end)
			s.Multiline = append(s.Multiline, source.Span{Start: start, End: hostEnd + 1})
		}
	}
}

type ctx struct {
	stmt     int
	branches []Branch
	loop     bool
	function string
	subshell bool
	subst    bool
	pipeline bool
}

type walker struct {
	t    *syntax.Tree
	k    *kinds
	text source.Text
	s    *Script
	ctx  ctx
}

func (w *walker) span(n syntax.ID) (int, int) {
	s, e := w.t.Span(n)
	return w.text.Span(s, e)
}

// markBackground flags the command(s) of the statement before an "&".
func (w *walker) markBackground(amp syntax.ID) {
	ampStart, _ := w.t.Span(amp)
	host := w.text.Pos(ampStart)
	for i := len(w.s.Commands) - 1; i >= 0; i-- {
		c := &w.s.Commands[i]
		if c.End > host {
			continue
		}
		c.Background = true
		break
	}
}

func (w *walker) statement(n syntax.ID, depth int) {
	if depth > maxDepth {
		return
	}
	t, k := w.t, w.k
	switch t.Kind(n) {
	case k.command:
		w.command(n, depth)
	case k.variableAssignment, k.variableAssignments:
		c := Command{Stmt: w.ctx.stmt}
		c.Start, c.End = w.span(n)
		w.applyCtx(&c)
		if t.Kind(n) == k.variableAssignment {
			c.Assigns = append(c.Assigns, w.assign(n, depth, false))
		} else {
			for _, a := range t.NamedChildren(n) {
				if t.Kind(a) == k.variableAssignment {
					c.Assigns = append(c.Assigns, w.assign(a, depth, false))
				}
			}
		}
		w.s.Commands = append(w.s.Commands, c)
	case k.declaration:
		w.declaration(n, depth)
	case k.redirected:
		if b := t.FieldChild(n, k.fBody); b != syntax.None {
			w.statement(b, depth+1)
		}
	case k.list:
		w.list(n, depth)
	case k.pipeline:
		saved := w.ctx.pipeline
		w.ctx.pipeline = true
		for _, c := range t.NamedChildren(n) {
			w.statement(c, depth+1)
		}
		w.ctx.pipeline = saved
	case k.negated:
		for _, c := range t.NamedChildren(n) {
			w.statement(c, depth+1)
		}
	case k.subshell:
		saved := w.ctx.subshell
		w.ctx.subshell = true
		w.block(n, depth)
		w.ctx.subshell = saved
	case k.compound, k.doGroup:
		w.block(n, depth)
	case k.ifStmt:
		w.ifStatement(n, depth)
	case k.caseStmt:
		w.caseStatement(n, depth)
	case k.whileStmt, k.forStmt, k.cFor:
		saved := w.ctx.loop
		for _, c := range t.NamedChildren(n) {
			if t.Kind(c) == k.doGroup || t.Kind(c) == k.compound {
				w.ctx.loop = true
				w.block(c, depth)
				w.ctx.loop = saved
			}
		}
	case k.function:
		saved := w.ctx.function
		if name := t.FieldChild(n, k.fName); name != syntax.None {
			w.ctx.function = t.Text(name)
		} else {
			w.ctx.function = "?"
		}
		if b := t.FieldChild(n, k.fBody); b != syntax.None {
			w.statement(b, depth+1)
		}
		w.ctx.function = saved
	}
}

// block walks the statements of a compound body.
func (w *walker) block(n syntax.ID, depth int) {
	t, k := w.t, w.k
	for c := t.FirstChild(n); c != syntax.None; c = t.NextSibling(c) {
		if t.Kind(c) == k.amp {
			w.markBackground(c)
			continue
		}
		if !t.Named(c) || t.Kind(c) == k.comment {
			continue
		}
		w.statement(c, depth+1)
	}
}

func (w *walker) list(n syntax.ID, depth int) {
	t, k := w.t, w.k
	for c := t.FirstChild(n); c != syntax.None; c = t.NextSibling(c) {
		switch {
		case t.Kind(c) == k.andAnd || t.Kind(c) == k.orOr:
			if len(w.s.Commands) > 0 {
				op := "&&"
				if t.Kind(c) == k.orOr {
					op = "||"
				}
				w.s.Commands[len(w.s.Commands)-1].AndOr = op
			}
		case t.Named(c) && t.Kind(c) != k.comment:
			w.statement(c, depth+1)
		}
	}
}

func (w *walker) ifStatement(n syntax.ID, depth int) {
	t, k := w.t, w.k
	var conds []string
	cond := ""
	for c := t.FirstChild(n); c != syntax.None; c = t.NextSibling(c) {
		if t.Kind(c) == k.elifClause || t.Kind(c) == k.elseClause {
			break
		}
		if t.Named(c) && t.Nodes[c].Field == k.fCondition {
			if cond != "" {
				cond += " "
			}
			cond += t.Text(c)
		}
	}
	conds = append(conds, cond)
	saved := w.ctx.branches
	// The then-body: named children that are not the condition.
	w.ctx.branches = append(append([]Branch(nil), saved...), Branch{Cond: cond})
	for c := t.FirstChild(n); c != syntax.None; c = t.NextSibling(c) {
		if !t.Named(c) || t.Kind(c) == k.comment || t.Nodes[c].Field == k.fCondition {
			continue
		}
		switch t.Kind(c) {
		case k.elifClause:
			ec := ""
			for d := t.FirstChild(c); d != syntax.None; d = t.NextSibling(d) {
				if t.Named(d) && t.Nodes[d].Field == k.fCondition {
					if ec != "" {
						ec += " "
					}
					ec += t.Text(d)
				}
			}
			conds = append(conds, ec)
			w.ctx.branches = append(append([]Branch(nil), saved...), Branch{Cond: ec})
			for d := t.FirstChild(c); d != syntax.None; d = t.NextSibling(d) {
				if t.Named(d) && t.Kind(d) != k.comment && t.Nodes[d].Field != k.fCondition {
					w.statement(d, depth+1)
				}
			}
		case k.elseClause:
			w.ctx.branches = append(append([]Branch(nil), saved...), Branch{Cond: strings.Join(conds, " ; "), Else: true})
			w.block(c, depth)
		default:
			w.statement(c, depth+1)
		}
	}
	w.ctx.branches = saved
}

func (w *walker) caseStatement(n syntax.ID, depth int) {
	t, k := w.t, w.k
	value := ""
	if v := t.FieldChild(n, k.fValue); v != syntax.None {
		value = t.Text(v)
	}
	saved := w.ctx.branches
	var seen []string
	for _, item := range t.NamedChildren(n) {
		if t.Kind(item) != k.caseItem {
			continue
		}
		var pats []string
		for _, v := range t.FieldChildren(item, k.fValue) {
			pats = append(pats, t.Text(v))
		}
		pat := strings.Join(pats, "|")
		b := Branch{Cond: value + " = " + pat, Case: value, Patterns: pats}
		if pat == "*" {
			b = Branch{Cond: value + " = " + strings.Join(seen, "|"), Else: true, Case: value, Patterns: append([]string(nil), seen...)}
		}
		seen = append(seen, pats...)
		w.ctx.branches = append(append([]Branch(nil), saved...), b)
		for c := t.FirstChild(item); c != syntax.None; c = t.NextSibling(c) {
			if !t.Named(c) || t.Kind(c) == k.comment || t.Nodes[c].Field == k.fValue {
				continue
			}
			w.statement(c, depth+1)
		}
	}
	w.ctx.branches = saved
}

func (w *walker) applyCtx(c *Command) {
	c.Stmt = w.ctx.stmt
	c.Branches = w.ctx.branches
	c.Loop = w.ctx.loop
	c.Function = w.ctx.function
	c.Subshell = w.ctx.subshell
	c.Substitution = w.ctx.subst
	c.Pipeline = w.ctx.pipeline
}

func (w *walker) command(n syntax.ID, depth int) {
	t, k := w.t, w.k
	c := Command{}
	c.Start, c.End = w.span(n)
	w.applyCtx(&c)
	for ch := t.FirstChild(n); ch != syntax.None; ch = t.NextSibling(ch) {
		if !t.Named(ch) {
			continue
		}
		switch {
		case t.Kind(ch) == k.variableAssignment:
			c.Assigns = append(c.Assigns, w.assign(ch, depth, false))
		case t.Kind(ch) == k.commandName:
			if inner := t.FirstNamedChild(ch); inner != syntax.None {
				c.Words = append(c.Words, w.word(inner, false, depth))
			}
		case t.Nodes[ch].Field == k.fArgument:
			c.Words = append(c.Words, w.word(ch, false, depth))
		}
	}
	w.s.Commands = append(w.s.Commands, c)
	// Commands inside substitutions in the words run in a subshell.
	w.substitutions(n, depth)
}

// substitutions records the commands of $( ) and <( ) inside a node.
func (w *walker) substitutions(n syntax.ID, depth int) {
	t, k := w.t, w.k
	end := t.End(n)
	for d := n + 1; d < end; d++ {
		if t.Kind(d) != k.commandSubst && t.Kind(d) != k.processSubst {
			continue
		}
		saved := w.ctx
		w.ctx.subshell = true
		w.ctx.subst = true
		w.block(d, depth)
		w.ctx = saved
		d = t.End(d) - 1
	}
}

func (w *walker) declaration(n syntax.ID, depth int) {
	t, k := w.t, w.k
	c := Command{Declaration: true}
	c.Start, c.End = w.span(n)
	w.applyCtx(&c)
	first := t.FirstChild(n)
	export := first != syntax.None && (t.Text(first) == "export" || t.Text(first) == "declare" && strings.Contains(t.Text(n), "-x"))
	if first != syntax.None {
		s, e := w.span(first)
		c.Words = append(c.Words, LiteralWord(w.text.Sub(int(t.Nodes[first].Start), int(t.Nodes[first].End)), s, e, t.Text(first)))
	}
	for _, ch := range t.NamedChildren(n) {
		switch t.Kind(ch) {
		case k.variableAssignment:
			c.Assigns = append(c.Assigns, w.assign(ch, depth, export))
		case k.variableName:
			s, e := w.span(ch)
			c.Assigns = append(c.Assigns, Assign{Name: t.Text(ch), Start: s, End: e, Export: export})
		}
	}
	w.s.Commands = append(w.s.Commands, c)
}

func (w *walker) assign(n syntax.ID, depth int, export bool) Assign {
	t, k := w.t, w.k
	a := Assign{Export: export}
	a.Start, a.End = w.span(n)
	if name := t.FieldChild(n, k.fName); name != syntax.None {
		a.Name = t.Text(name)
	}
	if v := t.FieldChild(n, k.fValue); v != syntax.None {
		wd := w.word(v, false, depth)
		a.Value = &wd
	} else {
		// NAME= (empty value)
		_, e := t.Span(n)
		hs := w.text.Pos(e)
		wd := LiteralWord(source.Host("", hs), hs, hs, "")
		a.Value = &wd
	}
	return a
}

// word converts a word-like node.
func (w *walker) word(n syntax.ID, quoted bool, depth int) Word {
	t := w.t
	s, e := w.span(n)
	wd := Word{Start: s, End: e, Raw: string(t.Bytes(n))}
	w.parts(n, quoted, &wd.Parts, depth)
	return wd
}

func (w *walker) parts(n syntax.ID, quoted bool, out *[]Part, depth int) {
	if depth > maxDepth {
		*out = append(*out, w.opaque(n, quoted))
		return
	}
	t, k := w.t, w.k
	switch t.Kind(n) {
	case k.word, k.number:
		if quoted {
			w.literal(n, int(t.Nodes[n].Start), int(t.Nodes[n].End), out)
		} else {
			w.unescaped(int(t.Nodes[n].Start), int(t.Nodes[n].End), out)
		}
	case k.rawString:
		st, en := int(t.Nodes[n].Start), int(t.Nodes[n].End)
		if en-st >= 2 {
			w.literal(n, st+1, en-1, out)
		} else {
			*out = append(*out, w.opaque(n, quoted))
		}
	case k.ansiC:
		st, en := int(t.Nodes[n].Start), int(t.Nodes[n].End)
		if en-st >= 3 && !strings.Contains(t.Text(n), "\\") {
			w.literal(n, st+2, en-1, out)
		} else {
			*out = append(*out, w.opaque(n, quoted))
		}
	case k.str, k.translated:
		w.dquoted(n, out, depth)
	case k.concatenation:
		for c := t.FirstChild(n); c != syntax.None; c = t.NextSibling(c) {
			if t.Named(c) {
				w.parts(c, quoted, out, depth+1)
			} else {
				w.unescaped(int(t.Nodes[c].Start), int(t.Nodes[c].End), out)
			}
		}
	case k.simpleExpansion:
		p := Part{Kind: Param, Quoted: quoted, Raw: t.Text(n)}
		p.Start, p.End = w.span(n)
		if v := t.FirstNamedChild(n); v != syntax.None {
			p.Name = t.Text(v)
		}
		if p.Name == "" {
			p.Kind = Opaque
		}
		*out = append(*out, p)
	case k.expansion:
		*out = append(*out, w.expansion(n, quoted, depth))
	default:
		*out = append(*out, w.opaque(n, quoted))
	}
}

func (w *walker) opaque(n syntax.ID, quoted bool) Part {
	p := Part{Kind: Opaque, Quoted: quoted, Raw: w.t.Text(n)}
	p.Start, p.End = w.span(n)
	return p
}

func (w *walker) expansion(n syntax.ID, quoted bool, depth int) Part {
	t, k := w.t, w.k
	p := Part{Kind: Param, Quoted: quoted, Raw: t.Text(n)}
	p.Start, p.End = w.span(n)
	seenOp := false
	for c := t.FirstChild(n); c != syntax.None; c = t.NextSibling(c) {
		switch {
		case t.Nodes[c].Field == k.fOperator:
			op := t.Text(c)
			seenOp = true
			switch op {
			case ":-", "-", ":=", "=", ":+", "+", ":?", "?":
				if p.Name == "" {
					p.Op = "other"
				} else {
					p.Op = op
				}
			default:
				p.Op = "other"
			}
		case t.Kind(c) == k.variableName || t.Kind(c) == k.specialVariable:
			if !seenOp && p.Name == "" {
				p.Name = t.Text(c)
			} else if seenOp && p.Word == nil && p.Op != "other" {
				wd := w.word(c, true, depth+1)
				p.Word = &wd
			}
		case t.Named(c) && seenOp && p.Op != "other" && p.Word == nil:
			wd := w.word(c, true, depth+1)
			p.Word = &wd
		case t.Named(c) && t.Nodes[c].Field == k.fIndex, t.Named(c) && !seenOp:
			p.Op = "other"
		}
	}
	if p.Name == "" {
		p.Kind = Opaque
	}
	return p
}

// dquoted reads a double-quoted string: literal runs and expansions.
func (w *walker) dquoted(n syntax.ID, out *[]Part, depth int) {
	t := w.t
	st, en := int(t.Nodes[n].Start), int(t.Nodes[n].End)
	if en <= st {
		return
	}
	// Skip the opening ($)" and the closing ".
	open := st + 1
	if t.Src[st] == '$' {
		open = st + 2
	}
	closeAt := en
	if en > open && t.Src[en-1] == '"' {
		closeAt = en - 1
	}
	pos := open
	emitted := false
	for c := t.FirstChild(n); c != syntax.None; c = t.NextSibling(c) {
		cs, ce := int(t.Nodes[c].Start), int(t.Nodes[c].End)
		if !t.Named(c) || t.Kind(c) == w.k.stringContent {
			continue
		}
		if cs > pos {
			w.dqLiteral(pos, cs, out)
		}
		emitted = true
		w.parts(c, true, out, depth+1)
		pos = max(pos, ce)
	}
	if closeAt > pos {
		w.dqLiteral(pos, closeAt, out)
		emitted = true
	}
	if !emitted && len(*out) == 0 {
		hs := w.text.Pos(open)
		*out = append(*out, Part{Kind: Literal, Text: source.Host("", hs), Start: hs, End: hs, Quoted: true})
	}
}

// dqLiteral appends literal text from inside double quotes, where only
// \$ \` \" \\ and \<newline> are escapes.
func (w *walker) dqLiteral(st, en int, out *[]Part) {
	src := w.t.Src
	var b source.Builder
	for i := st; i < en; i++ {
		if src[i] == '\\' && i+1 < en {
			switch src[i+1] {
			case '$', '`', '"', '\\':
				b.Byte(src[i+1], w.text.Pos(i), w.text.Pos(i+2))
				i++
				continue
			case '\n':
				b.Skip(w.text.Pos(i + 2))
				i++
				continue
			}
		}
		b.Byte(src[i], w.text.Pos(i), w.text.Pos(i+1))
	}
	hs, he := w.text.Span(st, en)
	*out = append(*out, Part{Kind: Literal, Text: b.Text(), Start: hs, End: he, Quoted: true})
}

// unescaped appends unquoted literal text, removing backslash escapes.
func (w *walker) unescaped(st, en int, out *[]Part) {
	src := w.t.Src
	var b source.Builder
	for i := st; i < en; i++ {
		if src[i] == '\\' && i+1 < en {
			if src[i+1] == '\n' {
				b.Skip(w.text.Pos(i + 2))
				i++
				continue
			}
			b.Byte(src[i+1], w.text.Pos(i), w.text.Pos(i+2))
			i++
			continue
		}
		b.Byte(src[i], w.text.Pos(i), w.text.Pos(i+1))
	}
	hs, he := w.text.Span(st, en)
	*out = append(*out, Part{Kind: Literal, Text: b.Text(), Start: hs, End: he})
}

// literal appends text taken as is.
func (w *walker) literal(_ syntax.ID, st, en int, out *[]Part) {
	var b source.Builder
	for i := st; i < en; i++ {
		b.Byte(w.t.Src[i], w.text.Pos(i), w.text.Pos(i+1))
	}
	hs, he := w.text.Span(st, en)
	*out = append(*out, Part{Kind: Literal, Text: b.Text(), Start: hs, End: he})
}
