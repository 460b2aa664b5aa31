"""Reminders of office hours (/erinnerung): a resident who switches them on gets one quiet
message the day before each office hour of her Ortsteile' contact officers, at 17:00 Berlin
time, through the outbox like an alert. `due`: which office hours are due, on plain values;
`switch`: the resident's switch; `loop`: the task that queues what is due, once each."""
