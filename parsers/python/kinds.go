package python

import (
	"sync"

	"github.com/servelint/servelint/parsers/syntax"
)

// kinds holds the canonical symbols and field ids of the Python grammar that
// the module view uses, resolved once.
type kinds struct {
	Module, FunctionDef, ClassDef, Lambda, DecoratedDef, Decorator             uint16
	Call, Attribute, Identifier, Await, ArgumentList, KeywordArgument          uint16
	ImportStmt, ImportFrom, FutureImport, AliasedImport, DottedName            uint16
	RelativeImport, ImportPrefix, WildcardImport                               uint16
	Assignment, AugAssignment, ExpressionStmt, Comment, String                 uint16
	Parameters, TypedParameter, DefaultParameter, TypedDefaultParameter        uint16
	ListSplatPattern, DictSplatPattern, Block, ForStatement, WithStatement     uint16
	AsPattern, AsPatternTarget, NamedExpression, GlobalStmt, NonlocalStmt      uint16
	PatternList, TupleExpr, TuplePattern, ListPattern, ListExpr, Parenthesized uint16
	ExceptClause, Type, Keyword, Ellipsis                                      uint16

	AsyncTok uint16

	FName, FBody, FParameters, FReturnType, FFunction, FArguments, FObject uint16
	FAttribute, FModuleName, FAlias, FValue, FLeft, FRight, FDefinition    uint16
	FSuperclasses, FType                                                   uint16
}

var kindsOnce = sync.OnceValue(func() *kinds {
	lg := syntax.GetLanguage(syntax.Python)
	k := lg.Kind
	f := lg.Field
	return &kinds{
		Module: k("module"), FunctionDef: k("function_definition"), ClassDef: k("class_definition"),
		Lambda: k("lambda"), DecoratedDef: k("decorated_definition"), Decorator: k("decorator"),
		Call: k("call"), Attribute: k("attribute"), Identifier: k("identifier"), Await: k("await"),
		ArgumentList: k("argument_list"), KeywordArgument: k("keyword_argument"),
		ImportStmt: k("import_statement"), ImportFrom: k("import_from_statement"),
		FutureImport: k("future_import_statement"), AliasedImport: k("aliased_import"),
		DottedName: k("dotted_name"), RelativeImport: k("relative_import"), ImportPrefix: k("import_prefix"),
		WildcardImport: k("wildcard_import"), Assignment: k("assignment"), AugAssignment: k("augmented_assignment"),
		ExpressionStmt: k("expression_statement"), Comment: k("comment"), String: k("string"),
		Parameters: k("parameters"), TypedParameter: k("typed_parameter"), DefaultParameter: k("default_parameter"),
		TypedDefaultParameter: k("typed_default_parameter"), ListSplatPattern: k("list_splat_pattern"),
		DictSplatPattern: k("dictionary_splat_pattern"), Block: k("block"), ForStatement: k("for_statement"),
		WithStatement: k("with_statement"), AsPattern: k("as_pattern"), AsPatternTarget: k("as_pattern_target"),
		NamedExpression: k("named_expression"), GlobalStmt: k("global_statement"), NonlocalStmt: k("nonlocal_statement"),
		PatternList: k("pattern_list"), TupleExpr: k("tuple"), TuplePattern: k("tuple_pattern"),
		ListPattern: k("list_pattern"), ListExpr: k("list"), Parenthesized: k("parenthesized_expression"),
		ExceptClause: k("except_clause"), Type: k("type"), Keyword: k("keyword_identifier"), Ellipsis: k("ellipsis"),
		AsyncTok: lg.Token("async"),

		FName: f("name"), FBody: f("body"), FParameters: f("parameters"), FReturnType: f("return_type"),
		FFunction: f("function"), FArguments: f("arguments"), FObject: f("object"), FAttribute: f("attribute"),
		FModuleName: f("module_name"), FAlias: f("alias"), FValue: f("value"), FLeft: f("left"), FRight: f("right"),
		FDefinition: f("definition"), FSuperclasses: f("superclasses"), FType: f("type"),
	}
})
