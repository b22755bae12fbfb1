// Temporal activities: the I/O the workflows ask for, built by a factory over injected dependencies.
export {};
