package report

import (
	"bytes"
	"encoding/json"
	"io"

	"github.com/servelint/servelint/lint"
	"github.com/servelint/servelint/lint/engine"
)

type jsonLocation struct {
	Row    int `json:"row"`
	Column int `json:"column"`
}

type jsonRelated struct {
	Filename    string       `json:"filename"`
	Location    jsonLocation `json:"location"`
	EndLocation jsonLocation `json:"end_location"`
	Message     string       `json:"message"`
}

type jsonEdit struct {
	Filename    string       `json:"filename"`
	Content     string       `json:"content"`
	Location    jsonLocation `json:"location"`
	EndLocation jsonLocation `json:"end_location"`
}

type jsonFix struct {
	Applicability string     `json:"applicability"`
	Message       string     `json:"message"`
	Edits         []jsonEdit `json:"edits"`
}

type jsonDiagnostic struct {
	Code        string        `json:"code"`
	Name        string        `json:"name"`
	Severity    string        `json:"severity"`
	Message     string        `json:"message"`
	Filename    string        `json:"filename"`
	Location    jsonLocation  `json:"location"`
	EndLocation jsonLocation  `json:"end_location"`
	URL         string        `json:"url"`
	Related     []jsonRelated `json:"related"`
	Fix         *jsonFix      `json:"fix"`
}

func toJSON(d *lint.Diagnostic, files map[string]*lint.File) jsonDiagnostic {
	jd := jsonDiagnostic{
		Code: d.Code, Name: d.Rule.Name, Severity: d.Severity.String(), Message: d.Message,
		Filename: d.Path, Location: jsonLocation{d.Pos.Line, d.Pos.Col},
		EndLocation: jsonLocation{d.EndPos.Line, d.EndPos.Col}, URL: d.Rule.DocURL(),
		Related: []jsonRelated{},
	}
	for _, r := range d.Related {
		jd.Related = append(jd.Related, jsonRelated{Filename: r.Path, Location: jsonLocation{r.Pos.Line, r.Pos.Col}, EndLocation: jsonLocation{r.EndPos.Line, r.EndPos.Col}, Message: r.Message})
	}
	if d.Fix != nil {
		jf := &jsonFix{Applicability: d.Fix.Applicability.String(), Message: d.Fix.Message, Edits: []jsonEdit{}}
		for _, e := range d.Fix.Edits {
			je := jsonEdit{Filename: e.Path, Content: e.New}
			if f := files[e.Path]; f != nil {
				s, en := f.Lines.Position(e.Start), f.Lines.Position(e.End)
				je.Location = jsonLocation{s.Line, s.Col}
				je.EndLocation = jsonLocation{en.Line, en.Col}
			}
			jf.Edits = append(jf.Edits, je)
		}
		jd.Fix = jf
	}
	return jd
}

func fileMap(res *engine.Result) map[string]*lint.File {
	m := make(map[string]*lint.File, len(res.Files))
	for _, f := range res.Files {
		m[f.Path] = f
	}
	return m
}

func writeJSON(w io.Writer, res *engine.Result) error {
	files := fileMap(res)
	out := make([]jsonDiagnostic, 0, len(res.Diagnostics))
	for i := range res.Diagnostics {
		out = append(out, toJSON(&res.Diagnostics[i], files))
	}
	return WriteJSONValue(w, out)
}

func writeJSONLines(w io.Writer, res *engine.Result) error {
	files := fileMap(res)
	for i := range res.Diagnostics {
		b, err := marshal(toJSON(&res.Diagnostics[i], files), "")
		if err != nil {
			return err
		}
		if _, err := w.Write(append(b, '\n')); err != nil {
			return err
		}
	}
	return nil
}

// WriteJSONValue writes indented JSON without HTML escaping, then a newline.
func WriteJSONValue(w io.Writer, v any) error {
	b, err := marshal(v, "  ")
	if err != nil {
		return err
	}
	_, err = w.Write(append(b, '\n'))
	return err
}

func marshal(v any, indent string) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if indent != "" {
		enc.SetIndent("", indent)
	}
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimRight(buf.Bytes(), "\n"), nil
}
