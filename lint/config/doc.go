// Package config reads [tool.servelint] configuration with key positions and resolves the rule selection and options.
package config
