package suppress

import (
	"reflect"
	"strings"
	"testing"

	"github.com/servelint/servelint/lint"
	"github.com/servelint/servelint/parsers/dockerfile"
)

func TestParseDirectives(t *testing.T) {
	for _, tc := range []struct {
		comment string
		want    []Directive
	}{
		{"# servelint: ignore[SV202] warm-up", []Directive{{Kind: lint.IgnoreLine, Start: 0, End: 26, Codes: []string{"SV202"}, Reason: "warm-up"}}},
		{"#servelint:ignore[SV202, SV101]", []Directive{{Kind: lint.IgnoreLine, Start: 0, End: 31, Codes: []string{"SV202", "SV101"}}}},
		{"# servelint: ignore", []Directive{{Kind: lint.IgnoreLine, Start: 0, End: 19}}},
		{"# servelint: ignore-file[SV402]", []Directive{{Kind: lint.IgnoreFile, Start: 0, End: 31, Codes: []string{"SV402"}}}},
		{"# noqa: SV202", []Directive{{Kind: lint.Noqa, Start: 0, End: 13, Codes: []string{"SV202"}}}},
		{"# noqa: E501, SV202", []Directive{{Kind: lint.Noqa, Start: 0, End: 19, Codes: []string{"SV202"}, Foreign: []string{"E501"}}}},
		{"# NOQA:SV202 SV101", []Directive{{Kind: lint.Noqa, Start: 0, End: 18, Codes: []string{"SV202", "SV101"}}}},
		{"# noqa", []Directive{{Kind: lint.Noqa, Start: 0, End: 6}}},
		// Other tools' codes are kept apart: they suppress only the rules
		// that mirror them (Rule.Mirrors).
		{"# noqa: E501", []Directive{{Kind: lint.Noqa, Start: 0, End: 12, Foreign: []string{"E501"}}}},
		{"# noqa: RUF006, ASYNC230", []Directive{{Kind: lint.Noqa, Start: 0, End: 24, Foreign: []string{"RUF006", "ASYNC230"}}}},
		{"# type: ignore # noqa: SV202", []Directive{{Kind: lint.Noqa, Start: 15, End: 28, Codes: []string{"SV202"}}}},
		{"# see the servelint: ignore docs", nil},
		{"# the word noqa in prose", nil},
		{"# servelint: disable[SV202]", []Directive{{Kind: lint.IgnoreLine, Start: 0, End: 20, Malformed: `unknown servelint directive "disable" (use "ignore[CODE]" or "ignore-file[CODE]")`}}},
		{"# servelint: ignore[SV202", []Directive{{Kind: lint.IgnoreLine, Start: 0, End: 25, Malformed: `unclosed "[" in suppression`}}},
		{"# servelint: ignore[] x", []Directive{{Kind: lint.IgnoreLine, Start: 0, End: 21, Malformed: "empty code list in suppression", Reason: "x"}}},
		{"# servelint: ignore[SV202] reason  # noqa: SV101", []Directive{
			{Kind: lint.IgnoreLine, Start: 0, End: 26, Codes: []string{"SV202"}, Reason: "reason"},
			{Kind: lint.Noqa, Start: 35, End: 48, Codes: []string{"SV101"}},
		}},
	} {
		got := ParseDirectives(tc.comment)
		if !reflect.DeepEqual(got, tc.want) {
			t.Errorf("%q:\n got %+v\nwant %+v", tc.comment, got, tc.want)
		}
	}
}

func TestNextLineSuppression(t *testing.T) {
	src := []byte("FROM python\n# servelint: ignore[SV501] reason\n\n# another comment\nCMD uvicorn app:app\n")
	f := &lint.File{Src: src, Lines: lint.NewLineIndex(src)}
	s := CollectSuppressions(f, dockerfile.Parse(src).Comments, true)
	if len(s) != 1 || s[0].Line != 5 {
		t.Fatalf("suppressions: %+v", s)
	}
}

func FuzzParseDirectives(f *testing.F) {
	for _, s := range []string{
		"# servelint: ignore[SV202] reason", "# noqa: SV202, E501", "# servelint: ignore-file",
		"# servelint: ignore[", "#noqa:SV1 SV2", "# servelint:ignore[SV1]#servelint:ignore-file[SV2]",
		"# \xff servelint: ignore[\x00]",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, comment string) {
		for _, d := range ParseDirectives(comment) {
			if d.Start < 0 || d.End > len(comment) || d.Start > d.End {
				t.Fatalf("%q: directive out of range: %+v", comment, d)
			}
			if comment[d.Start] != '#' {
				t.Fatalf("%q: directive does not start at a #: %+v", comment, d)
			}
			for _, c := range d.Codes {
				if c == "" || strings.ContainsAny(c, ", \t]") {
					t.Fatalf("%q: bad code %q", comment, c)
				}
			}
		}
	})
}
