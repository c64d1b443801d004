"""The reaction-time family: simple RT, choice RT and go/no-go (rules, events, Qt view, scripted player)."""
