"""Notifications: what happened that a person should know, shown in the site and e-mailed
immediately, in a daily digest or never, as each person chooses per kind."""
