"""The bridge: reposts the site's feeds into Max and Telegram channels.

It reads the feeds over HTTP like any outside client and shares no state with
the generator. One module per part::

    config.py        the YAML file → BridgeConfig, every mistake a BridgeDiagnostic (B0xx)
    fetch.py         conditional GET, feeds/index.json
    feed.py          JSON Feed 1.1 → FeedItem (with the _rso extension)
    formatting.py    FeedItem → HTML both messengers render, within their limits
    max_api.py       Max bot API client        ┐ answers as Outcome values
    telegram_api.py  Telegram Bot API client   ┘ (outcomes.py)
    state.py         SQLite: routes, baseline, outbox and record of posts
    runner.py        one poll (run_cycle) and the loop until SIGTERM (run_forever)
    online.py        check --online;  health.py  status
    cli.py           notices bridge check | run | status

Exceptions that escape are bugs; a user's mistake is a diagnostic or a log line.
"""
