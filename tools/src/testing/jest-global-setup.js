// Placeholder: starts shared test infrastructure (Kafka) once per jest run. Filled in by the Kafka harness.
module.exports = async () => {};
