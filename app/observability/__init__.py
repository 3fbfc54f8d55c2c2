"""Telemetry of every process role: OpenTelemetry traces, Prometheus metrics, structured logs.

See docs/operations.md for what each series means and which alerts read it.
"""
