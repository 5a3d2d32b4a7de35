import gc

import pytest

from mapapp.app import warmup


@pytest.fixture
def unfrozen():
    yield
    gc.unfreeze()


def test_what_lives_at_warm_up_leaves_the_collectors_walk(unfrozen):
    """A full collection no longer walks the objects the server keeps for its life."""
    kept = [[i] for i in range(50_000)]
    before = len(gc.get_objects())
    warmup.settle()
    assert gc.get_freeze_count() >= len(kept)
    assert len(gc.get_objects()) < before - len(kept)
    fresh = [[i] for i in range(10)]
    assert any(o is fresh[0] for o in gc.get_objects()), "later objects are walked as before"


def test_frozen_objects_are_still_freed_when_unreferenced(unfrozen):
    import weakref

    class Held:
        pass

    held = Held()
    ref = weakref.ref(held)
    warmup.settle()
    del held
    assert ref() is None


def test_warm_up_reads_once_and_settles(monkeypatch, unfrozen):
    calls = []
    monkeypatch.setattr(warmup, "_timer", None)
    monkeypatch.setattr(warmup, "DELAY_S", 0.0)
    monkeypatch.setattr(warmup, "settle", lambda: calls.append("settle"))
    monkeypatch.setattr(warmup, "country_name", lambda code: calls.append("countries"))
    warmup.warm_later()
    first = warmup._timer
    warmup.warm_later()
    first.join(5)
    assert warmup._timer is first and calls[0] == "countries" and calls[-1] == "settle"
