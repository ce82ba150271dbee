from ccs_desktop.core.calls.paging import Paging


def test_a_page_is_wanted_only_when_one_exists_none_is_on_its_way_and_none_failed():
    paging = Paging()
    assert not paging.can_fetch_more() and not paging.wants_page()
    paging.more_available = True
    assert paging.can_fetch_more() and paging.wants_page()
    paging.fetching = True
    assert paging.can_fetch_more() and not paging.wants_page()  # the view may scroll on; no second request
    paging.fetching, paging.paused = False, True
    assert not paging.can_fetch_more() and not paging.wants_page()  # failed: Refresh, not the scroll, retries
    paging.reset()
    assert paging == Paging()
