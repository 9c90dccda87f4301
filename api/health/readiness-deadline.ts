/** Each readiness check's own deadline: a probe must answer before the orchestrator's timeout, whatever hangs. */
export const CHECK_DEADLINE_MS = 2_000;
