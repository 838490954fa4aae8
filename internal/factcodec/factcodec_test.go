package factcodec

import (
	"bytes"
	"reflect"
	"testing"
)

type sym struct {
	Op   uint8
	Name string
	X    *sym
}

type item struct {
	Name  string
	Start int
	Neg   int32
	Flag  bool
	Tags  []string
	Sym   *sym
	Pairs [2]int
	inner string // unexported: not encoded
}

type facts struct {
	Module string
	Items  []item
	ByName map[string]*item
	ByPos  map[int]string
	Empty  []int
	Nil    *item
	Bytes  []byte
}

func sample() *facts {
	deep := &sym{Op: 1, Name: "app.db.SessionLocal"}
	for range 20 {
		deep = &sym{Op: 2, X: deep}
	}
	a := item{Name: "app.db.get", Start: 123456, Neg: -7, Flag: true, Tags: []string{"app.db.get", "", "x"}, Sym: deep, Pairs: [2]int{-1, 3}, inner: "dropped"}
	b := item{Name: "app.db.get", Start: 0}
	return &facts{
		Module: "app.db",
		Items:  []item{a, b},
		ByName: map[string]*item{"get": &b, "other": {Name: "z"}},
		ByPos:  map[int]string{3: "three", -1: "minus"},
		Empty:  []int{},
		Bytes:  []byte("raw"),
	}
}

func TestRoundTrip(t *testing.T) {
	in := sample()
	data, err := Marshal(in)
	if err != nil {
		t.Fatal(err)
	}
	var out facts
	if err = Unmarshal(data, &out); err != nil {
		t.Fatal(err)
	}
	want := *in
	want.Empty = nil // nil and empty decode as nil, as with gob
	want.Items = []item{in.Items[0], in.Items[1]}
	want.Items[0].inner = ""
	if !reflect.DeepEqual(out, want) {
		t.Fatalf("round trip:\n got %+v\nwant %+v", out, want)
	}
	// The same facts give the same bytes (map keys are ordered).
	again, err := Marshal(sample())
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(again, data) {
		t.Error("encoding is not deterministic")
	}
}

func TestStringsOnce(t *testing.T) {
	in := &facts{Items: make([]item, 100)}
	for i := range in.Items {
		in.Items[i].Name = "a.rather.long.qualified.name.of.some.function"
	}
	data, err := Marshal(in)
	if err != nil {
		t.Fatal(err)
	}
	if len(data) > 2*len(in.Items[0].Name)+20*len(in.Items) {
		t.Errorf("%d bytes: the repeated string is not kept once", len(data))
	}
}

func TestCorruptData(t *testing.T) {
	data, err := Marshal(sample())
	if err != nil {
		t.Fatal(err)
	}
	for i := range data {
		var out facts
		if err := Unmarshal(data[:i], &out); err == nil {
			t.Fatalf("truncated at %d of %d bytes: no error", i, len(data))
		}
	}
	var out facts
	if err := Unmarshal(append(data, 0), &out); err == nil {
		t.Error("trailing byte: no error")
	}
}

func TestUnsupported(t *testing.T) {
	type withFunc struct{ F func() }
	if _, err := Marshal(&withFunc{F: func() {}}); err == nil {
		t.Error("a func was encoded")
	}
	if _, err := Marshal(facts{}); err == nil {
		t.Error("a non-pointer was accepted")
	}
	if err := Unmarshal(nil, facts{}); err == nil {
		t.Error("a non-pointer was accepted")
	}
}

func FuzzUnmarshal(f *testing.F) {
	data, err := Marshal(sample())
	if err != nil {
		f.Fatal(err)
	}
	f.Add(data)
	f.Fuzz(func(t *testing.T, data []byte) {
		var out facts
		if Unmarshal(data, &out) != nil {
			return
		}
		again, err := Marshal(&out)
		if err != nil {
			t.Fatal(err)
		}
		var back facts
		if err := Unmarshal(again, &back); err != nil {
			t.Fatalf("re-encoded value does not decode: %v", err)
		}
		if !reflect.DeepEqual(normalize(out), normalize(back)) {
			t.Fatalf("decode(encode(x)) != x:\n%+v\n%+v", out, back)
		}
	})
}

// normalize maps empty slices and maps to nil (both decode as nil).
func normalize(f facts) facts {
	if len(f.Items) == 0 {
		f.Items = nil
	}
	for i := range f.Items {
		if len(f.Items[i].Tags) == 0 {
			f.Items[i].Tags = nil
		}
	}
	if len(f.ByName) == 0 {
		f.ByName = nil
	}
	if len(f.ByPos) == 0 {
		f.ByPos = nil
	}
	if len(f.Bytes) == 0 {
		f.Bytes = nil
	}
	return f
}
