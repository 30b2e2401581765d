// Runs in every test file before it loads (jest `setupFiles`). Every envelope a service builds under
// test is checked against its JSON Schema (libs/messaging relay/produced-event-check.ts); child
// processes the specs start inherit the flag. HOPE_VALIDATE_EVENTS=0 turns it off for one run.
process.env.HOPE_VALIDATE_EVENTS ??= '1';
