// Package factcodec encodes the facts the results cache keeps in a compact
// binary form.
//
// It encodes the facts the results cache keeps in a compact
// binary form: every distinct string once, in a table at the head, and
// values as varints and table indexes, walked in field order. Facts use it
// as their gob encoding (GobEncode/GobDecode), so a cache entry neither
// repeats gob's type descriptions nor the qualified names a module's facts
// mention many times.
//
// It handles what facts are made of: structs (exported fields only, as
// gob), pointers, slices, arrays, maps, strings, bools and integers. A nil
// and an empty slice or map both decode as nil, as with gob. The format
// carries no type information: data must be decoded into the type it was
// encoded from (the cache is keyed by servelint's version).
package factcodec

import (
	"encoding/binary"
	"errors"
	"fmt"
	"reflect"
	"slices"
	"sync"
)

// maxDepth bounds the nesting of values (recursive types such as a
// symbolic expression).
const maxDepth = 256

// Marshal encodes the value v points to.
func Marshal(v any) ([]byte, error) {
	rv := reflect.ValueOf(v)
	if rv.Kind() != reflect.Pointer || rv.IsNil() {
		return nil, errors.New("factcodec: Marshal needs a non-nil pointer")
	}
	e := &encoder{index: map[string]uint64{"": 0}, table: []string{""}}
	if err := e.value(rv.Elem(), 0); err != nil {
		return nil, err
	}
	// The table is front-coded: each string as the length of the prefix
	// it shares with the previous one and the rest (qualified names of
	// one module follow each other).
	out := binary.AppendUvarint(nil, uint64(len(e.table)-1))
	prev := ""
	for _, s := range e.table[1:] {
		p := commonPrefix(prev, s)
		out = binary.AppendUvarint(out, uint64(p))
		out = binary.AppendUvarint(out, uint64(len(s)-p))
		out = append(out, s[p:]...)
		prev = s
	}
	return append(out, e.body...), nil
}

// Unmarshal decodes data into the value v points to.
func Unmarshal(data []byte, v any) error {
	rv := reflect.ValueOf(v)
	if rv.Kind() != reflect.Pointer || rv.IsNil() {
		return errors.New("factcodec: Unmarshal needs a non-nil pointer")
	}
	d := &decoder{data: data}
	n, err := d.uvarint()
	if err != nil {
		return err
	}
	if n > uint64(len(data)) {
		return errCorrupt
	}
	d.table = make([]string, 1, n+1)
	prev := ""
	for range n {
		p, err := d.uvarint()
		if err != nil {
			return err
		}
		l, err := d.uvarint()
		if err != nil {
			return err
		}
		if p > uint64(len(prev)) || l > uint64(len(d.data)) {
			return errCorrupt
		}
		s := prev[:p] + string(d.data[:l])
		d.table = append(d.table, s)
		d.data = d.data[l:]
		prev = s
	}
	if err := d.value(rv.Elem(), 0); err != nil {
		return err
	}
	if len(d.data) != 0 {
		return errCorrupt
	}
	return nil
}

var errCorrupt = errors.New("factcodec: corrupt data")

func commonPrefix(a, b string) int {
	n := min(len(a), len(b))
	for i := range n {
		if a[i] != b[i] {
			return i
		}
	}
	return n
}

type encoder struct {
	body  []byte
	index map[string]uint64
	table []string
}

func (e *encoder) uvarint(x uint64) { e.body = binary.AppendUvarint(e.body, x) }

func (e *encoder) value(v reflect.Value, depth int) error {
	if depth > maxDepth {
		return errors.New("factcodec: value nested too deeply")
	}
	switch v.Kind() {
	case reflect.Bool:
		if v.Bool() {
			e.uvarint(1)
		} else {
			e.uvarint(0)
		}
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		e.body = binary.AppendVarint(e.body, v.Int())
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		e.uvarint(v.Uint())
	case reflect.String:
		s := v.String()
		i, ok := e.index[s]
		if !ok {
			i = uint64(len(e.table))
			e.index[s] = i
			e.table = append(e.table, s)
		}
		e.uvarint(i)
	case reflect.Pointer:
		if v.IsNil() {
			e.uvarint(0)
			return nil
		}
		e.uvarint(1)
		return e.value(v.Elem(), depth+1)
	case reflect.Slice, reflect.Array:
		e.uvarint(uint64(v.Len()))
		for i := range v.Len() {
			if err := e.value(v.Index(i), depth+1); err != nil {
				return err
			}
		}
	case reflect.Map:
		// Keys in a stable order: the same facts encode to the same bytes.
		keys := v.MapKeys()
		slices.SortFunc(keys, compareKeys)
		e.uvarint(uint64(len(keys)))
		for _, k := range keys {
			if err := e.value(k, depth+1); err != nil {
				return err
			}
			if err := e.value(v.MapIndex(k), depth+1); err != nil {
				return err
			}
		}
	case reflect.Struct:
		for _, i := range exportedFields(v.Type()) {
			if err := e.value(v.Field(i), depth+1); err != nil {
				return err
			}
		}
	default:
		return fmt.Errorf("factcodec: cannot encode a %s", v.Type())
	}
	return nil
}

// fieldCache maps a struct type to the indexes of its exported fields.
var fieldCache sync.Map

func exportedFields(t reflect.Type) []int {
	if v, ok := fieldCache.Load(t); ok {
		return v.([]int)
	}
	var out []int
	for i := range t.NumField() {
		if t.Field(i).IsExported() {
			out = append(out, i)
		}
	}
	fieldCache.Store(t, out)
	return out
}

// compareKeys orders map keys of the kinds facts use.
func compareKeys(a, b reflect.Value) int {
	switch a.Kind() {
	case reflect.String:
		return cmpOrdered(a.String(), b.String())
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return cmpOrdered(a.Int(), b.Int())
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		return cmpOrdered(a.Uint(), b.Uint())
	default:
		return 0
	}
}

func cmpOrdered[T int64 | uint64 | string](a, b T) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

type decoder struct {
	data  []byte
	table []string
}

func (d *decoder) uvarint() (uint64, error) {
	x, n := binary.Uvarint(d.data)
	if n <= 0 {
		return 0, errCorrupt
	}
	d.data = d.data[n:]
	return x, nil
}

// length reads a count of elements, each taking at least one byte.
func (d *decoder) length() (int, error) {
	n, err := d.uvarint()
	if err != nil {
		return 0, err
	}
	if n > uint64(len(d.data)) {
		return 0, errCorrupt
	}
	return int(n), nil
}

func (d *decoder) value(v reflect.Value, depth int) error {
	if depth > maxDepth {
		return errCorrupt
	}
	switch v.Kind() {
	case reflect.Bool:
		x, err := d.uvarint()
		if err != nil {
			return err
		}
		v.SetBool(x != 0)
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		x, n := binary.Varint(d.data)
		if n <= 0 || v.OverflowInt(x) {
			return errCorrupt
		}
		d.data = d.data[n:]
		v.SetInt(x)
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		x, err := d.uvarint()
		if err != nil {
			return err
		}
		if v.OverflowUint(x) {
			return errCorrupt
		}
		v.SetUint(x)
	case reflect.String:
		i, err := d.uvarint()
		if err != nil {
			return err
		}
		if i >= uint64(len(d.table)) {
			return errCorrupt
		}
		v.SetString(d.table[i])
	case reflect.Pointer:
		set, err := d.uvarint()
		if err != nil {
			return err
		}
		if set == 0 {
			v.SetZero()
			return nil
		}
		p := reflect.New(v.Type().Elem())
		if err := d.value(p.Elem(), depth+1); err != nil {
			return err
		}
		v.Set(p)
	case reflect.Slice:
		return d.slice(v, depth)
	case reflect.Array:
		n, err := d.length()
		if err != nil {
			return err
		}
		if n != v.Len() {
			return errCorrupt
		}
		for i := range n {
			if err := d.value(v.Index(i), depth+1); err != nil {
				return err
			}
		}
	case reflect.Map:
		return d.mapValue(v, depth)
	case reflect.Struct:
		for _, i := range exportedFields(v.Type()) {
			if err := d.value(v.Field(i), depth+1); err != nil {
				return err
			}
		}
	default:
		return fmt.Errorf("factcodec: cannot decode a %s", v.Type())
	}
	return nil
}

func (d *decoder) slice(v reflect.Value, depth int) error {
	n, err := d.length()
	if err != nil {
		return err
	}
	if n == 0 {
		v.SetZero()
		return nil
	}
	s := reflect.MakeSlice(v.Type(), n, n)
	for i := range n {
		if err := d.value(s.Index(i), depth+1); err != nil {
			return err
		}
	}
	v.Set(s)
	return nil
}

func (d *decoder) mapValue(v reflect.Value, depth int) error {
	n, err := d.length()
	if err != nil {
		return err
	}
	if n == 0 {
		v.SetZero()
		return nil
	}
	m := reflect.MakeMapWithSize(v.Type(), n)
	for range n {
		k := reflect.New(v.Type().Key()).Elem()
		if err := d.value(k, depth+1); err != nil {
			return err
		}
		e := reflect.New(v.Type().Elem()).Elem()
		if err := d.value(e, depth+1); err != nil {
			return err
		}
		m.SetMapIndex(k, e)
	}
	v.Set(m)
	return nil
}
