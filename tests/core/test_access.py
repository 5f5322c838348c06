"""The one access shape: booleans from permissions, 404 for outsiders, 403 for onlookers."""

from dataclasses import dataclass

import pytest
from django.core.exceptions import ObjectDoesNotExist, PermissionDenied
from django.http import Http404

from core.access import Access, get_object_for, require, require_visible


class Person:
    def __init__(self, *perms: str, pk: int = 1) -> None:
        self.perms, self.pk = set(perms), pk

    def has_perm(self, perm: str) -> bool:
        return perm in self.perms


@dataclass(frozen=True)
class Note:
    pk: int
    author_id: int


@dataclass(frozen=True)
class NoteAccess(Access):
    can_view: bool
    can_edit: bool


def note_access(user: Person, note: Note) -> NoteAccess:
    mine = note.author_id == user.pk
    return NoteAccess(can_view=mine or user.has_perm("notes.view_all"), can_edit=mine)


NOTES = {1: Note(pk=1, author_id=1)}


def load_note(pk: int) -> Note:
    if pk not in NOTES:
        raise ObjectDoesNotExist
    return NOTES[pk]


@dataclass(frozen=True)
class DeskAccess(Access):
    can_book: bool
    can_force: bool
    full_phone: bool = False


def test_from_perms_reads_each_field_off_one_permission() -> None:
    perms = {"can_book": "desk.book", "can_force": "desk.force"}
    access = DeskAccess.from_perms(Person("desk.book"), perms, full_phone=True)
    assert access == DeskAccess(can_book=True, can_force=False, full_phone=True)


def test_context_hands_templates_the_booleans_by_name() -> None:
    access = DeskAccess(can_book=True, can_force=False)
    assert access.context() == {"can_book": True, "can_force": False, "full_phone": False}


def test_require_is_403_for_someone_who_sees_but_may_not_act() -> None:
    require(True)
    with pytest.raises(PermissionDenied):
        require(False)


def test_require_visible_is_404_for_an_outsider() -> None:
    require_visible(True)
    with pytest.raises(Http404):
        require_visible(False)


def test_get_object_for_returns_the_object_and_what_the_person_may_do() -> None:
    note, access = get_object_for(Person(pk=1), note_access, load_note, 1)
    assert (note, access) == (NOTES[1], NoteAccess(can_view=True, can_edit=True))


def test_get_object_for_a_reader_who_may_not_edit() -> None:
    _note, access = get_object_for(Person("notes.view_all", pk=2), note_access, load_note, 1)
    assert (access.can_view, access.can_edit) == (True, False)


def test_get_object_for_is_404_for_an_outsider_as_for_a_missing_object() -> None:
    with pytest.raises(Http404):
        get_object_for(Person(pk=2), note_access, load_note, 1)
    with pytest.raises(Http404):
        get_object_for(Person(pk=1), note_access, load_note, 99)
    with pytest.raises(Http404):
        get_object_for(Person(pk=1), note_access, lambda: None)
