// Package metrics keeps counters, gauges and histograms in memory and writes
// them in the Prometheus text exposition format (version 0.0.4), so that a
// Prometheus server, or curl, can read them from an HTTP endpoint.
//
// It is a small, dependency-free subset of the Prometheus client: a
// [Registry] owns metric families, each family has a fixed list of label
// names, and each distinct list of label values is one series, created on
// first use. Every method is safe for concurrent use.
//
// Names are checked when a family is registered, which happens at start-up:
// an invalid or duplicate name is a programming error and panics there. An
// observation with the wrong number of label values is dropped rather than
// panicking, because observations happen in request paths.
package metrics
