"""M12 « Historique »: the entries of the managed structures only, newest first, filtered by
structure and dates in SQL; the « Commentaires » words; the detail; the CSV export."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from chorus_tui.domain import history
from chorus_tui.domain.errors import NotFound, PermissionDenied, ValidationError
from chorus_tui.domain.export import ENCODING
from chorus_tui.domain.journal import audit
from chorus_tui.i18n import catalogues
from chorus_tui.models import AuditEntry, database
from chorus_tui.models.codes import AccountStatus, Role, SecondaryRights
from tests.domain.factories import add_member, make_structure, make_user

pytestmark = pytest.mark.usefixtures("db")

LABELS = ["Date", "Demandeur", "Structure", "Commentaires", "Effectuée par", "Motif"]


@pytest.fixture
def cast(services, clock):
    paul = make_user(services, login="paul@example.fr", nom="DUPONT", prenom="Paul")
    claire = make_user(services, login="claire@example.fr", nom="MARTIN", prenom="Claire")
    simple = make_user(services, login="simple@example.fr", nom="SIMPLE", prenom="Sam")
    other = make_user(services, login="other@example.fr", nom="AUTRE", prenom="Olga")
    mine = make_structure(services, principal=paul, raison_sociale="Menuiserie Dupont")
    second = make_structure(services, principal=paul, raison_sociale="Rénovation Habitat")
    theirs = make_structure(services, principal=other, raison_sociale="Ailleurs SA")
    add_member(services, claire, mine, Role.GESTIONNAIRE_SECONDAIRE)
    add_member(services, simple, mine)
    # 21/11 10:00, 22/11 10:00, 23/11 10:00 (Paris), one on another structure, one on `second`.
    entries = {}
    for day, (structure, action, target) in zip(
        (21, 22, 23, 23, 24),
        (
            (mine, "MEMBERSHIP_VALIDATED", simple),
            (mine, "MEMBERSHIP_REFUSED", claire),
            (theirs, "MEMBERSHIP_VALIDATED", other),
            (second, "SUBSCRIPTION_REFUSED", None),
            (mine, "SOMETHING_NEW_HAPPENED", simple),
        ),
        strict=True,
    ):
        clock.set(dt.datetime(2026, 11, day, 9, 0, tzinfo=dt.UTC))
        entries[action, structure.id] = audit(
            services,
            paul if structure != theirs else other,
            action,
            structure=structure,
            target=target,
            motif="Pas de besoin" if action == "MEMBERSHIP_REFUSED" else "",
            role=Role.UTILISATEUR_SIMPLE,
        )
    return {
        "paul": paul,
        "claire": claire,
        "simple": simple,
        "other": other,
        "mine": mine,
        "second": second,
        "theirs": theirs,
        "entries": entries,
    }


def actions(page) -> list[str]:
    return [entry.action for entry in page.rows]


class TestHistory:
    def test_a_manager_sees_the_entries_of_his_structures_newest_first(self, cast):
        page = history.history(cast["paul"], size=10)
        assert actions(page) == [
            "SOMETHING_NEW_HAPPENED",
            "SUBSCRIPTION_REFUSED",
            "MEMBERSHIP_REFUSED",
            "MEMBERSHIP_VALIDATED",
        ]
        assert page.total == 4
        assert {entry.structure.raison_sociale for entry in page.rows} == {
            "Menuiserie Dupont",
            "Rénovation Habitat",
        }

    def test_actor_target_and_structure_are_joined_in_the_same_query(self, cast):
        page = history.history(cast["paul"], size=10)
        entry = page.rows[-1]
        assert entry.__data__["actor"] == cast["paul"].id
        # Already loaded: reading them does not query again.
        assert "actor" in entry.__rel__
        assert "target_user" in entry.__rel__
        assert "structure" in entry.__rel__
        assert history.person(entry.actor) == "DUPONT Paul"
        assert history.person(history.requester_of(entry)) == "SIMPLE Sam"

    def test_an_entry_without_target_has_the_actor_as_requester(self, cast):
        page = history.history(cast["paul"], structure_id=cast["second"].id)
        assert history.requester_of(page.rows[0]).id == cast["paul"].id

    def test_a_secondary_manager_sees_the_history_of_his_structure(self, cast):
        page = history.history(cast["claire"], size=10)
        assert actions(page) == [
            "SOMETHING_NEW_HAPPENED",
            "MEMBERSHIP_REFUSED",
            "MEMBERSHIP_VALIDATED",
        ]

    def test_filter_by_structure(self, cast):
        page = history.history(cast["paul"], structure_id=cast["second"].id)
        assert actions(page) == ["SUBSCRIPTION_REFUSED"]

    def test_a_structure_not_managed_is_refused(self, cast):
        with pytest.raises(PermissionDenied):
            history.history(cast["paul"], structure_id=cast["theirs"].id)
        with pytest.raises(PermissionDenied):
            history.history(cast["claire"], structure_id=cast["second"].id)

    def test_a_simple_user_is_refused(self, cast):
        with pytest.raises(PermissionDenied):
            history.history(cast["simple"])

    def test_a_deactivated_manager_is_refused(self, cast):
        paul = cast["paul"]
        paul.status = AccountStatus.DESACTIVE
        paul.save()
        with pytest.raises(PermissionDenied):
            history.history(paul)

    def test_secondary_rights_setting_does_not_hide_the_history(self, cast):
        mine = cast["mine"]
        mine.secondary_rights = SecondaryRights.IDENTIQUES_UTILISATEUR
        mine.save()
        assert history.history(cast["claire"]).total == 3

    def test_filter_by_dates_includes_both_days(self, cast):
        page = history.history(cast["paul"], since="22/11/2026", until="23/11/2026")
        assert actions(page) == ["SUBSCRIPTION_REFUSED", "MEMBERSHIP_REFUSED"]
        assert actions(history.history(cast["paul"], since="24/11/2026")) == [
            "SOMETHING_NEW_HAPPENED"
        ]
        assert actions(history.history(cast["paul"], until=" 21/11/2026 ")) == [
            "MEMBERSHIP_VALIDATED"
        ]

    def test_days_are_those_of_paris(self, cast, services, clock):
        # 23:30 UTC on the 24th is already the 25th in Paris.
        clock.set(dt.datetime(2026, 11, 24, 23, 30, tzinfo=dt.UTC))
        audit(services, cast["paul"], "ROLE_CHANGED", structure=cast["mine"])
        assert actions(history.history(cast["paul"], since="25/11/2026")) == ["ROLE_CHANGED"]

    def test_bad_dates_are_field_errors(self, cast):
        with pytest.raises(ValidationError) as caught:
            history.history(cast["paul"], since="32/11/2026", until="demain")
        assert caught.value.fields == {
            "since": ("date_invalid", {}),
            "until": ("date_invalid", {}),
        }

    def test_until_before_since_is_refused(self, cast):
        with pytest.raises(ValidationError) as caught:
            history.history(cast["paul"], since="23/11/2026", until="22/11/2026")
        assert caught.value.fields == {"until": ("end_before_start", {})}

    def test_paged_in_sql(self, cast):
        first = history.history(cast["paul"], size=3, offset=0)
        second = history.history(cast["paul"], size=3, offset=3)
        assert first.total == second.total == 4
        assert len(first.rows) == 3
        assert actions(second) == ["MEMBERSHIP_VALIDATED"]

    @pytest.mark.sqlite_only
    def test_the_query_uses_the_structure_at_index(self, cast):
        filters = history.check_filters(cast["paul"], structure_id=cast["mine"].id)
        sql, params = history.history_query(filters).sql()
        plan = database.execute_sql(f"EXPLAIN QUERY PLAN {sql}", params).fetchall()
        text = " ".join(str(row[-1]) for row in plan)
        assert "auditentry_structure_id_at" in text or "audit_entry_structure_id_at" in text
        assert "TEMP B-TREE" not in text

    def test_history_writes_nothing(self, cast):
        before = AuditEntry.select().count()
        history.history(cast["paul"])
        assert AuditEntry.select().count() == before


class TestComments:
    @pytest.mark.parametrize(
        ("action", "words"),
        [
            ("MEMBERSHIP_VALIDATED", "Validée"),
            ("SUBSCRIPTION_VALIDATED", "Validée"),
            ("MEMBERSHIP_REFUSED", "Refusée"),
            ("SUBSCRIPTION_REFUSED", "Désactivée"),
            ("MEMBERSHIP_REMOVED", "Supprimé"),
            ("PRINCIPAL_TRANSFERRED", "Rôle de gestionnaire principal transféré"),
            ("TECHNICAL_USER_CREATED", "Utilisateur technique créé"),
        ],
    )
    def test_the_words_of_the_guide(self, action, words):
        assert history.comment_of(action) == f"history.action.{action}"
        assert history.comment_text("FR", action) == words

    def test_every_action_the_code_writes_is_named(self):
        import pathlib
        import re

        root = pathlib.Path(history.__file__).parents[2]
        written = set()
        for path in [*root.glob("chorus_tui/**/*.py"), *root.glob("db/*.py")]:
            text = path.read_text(encoding="utf-8")
            for call in re.finditer(r"audit\((.{0,200}?)\)", text, re.S):
                written.update(re.findall(r'"([A-Z][A-Z_]{3,})"', call.group(1)))
            for line in re.finditer(r"\baction = (.*)", text):
                written.update(re.findall(r'"([A-Z][A-Z_]{3,})"', line.group(1)))
        written.update({"SUBSCRIPTION_REQUESTED", "TECHNICAL_USER_CREATED", "USER_REACTIVATED"})
        missing = {code for code in written if not history.comment_of(code).startswith("history.")}
        assert missing == set()

    def test_an_unknown_action_reads_as_words(self):
        assert history.comment_of("SOMETHING_NEW_HAPPENED") == "SOMETHING_NEW_HAPPENED"
        assert history.comment_text("FR", "SOMETHING_NEW_HAPPENED") == "Something new happened"
        assert history.comment_text("EN", "") == "—"

    def test_the_words_exist_in_both_languages(self):
        fr = {key for key in catalogues()["FR"] if key.startswith("history.action.")}
        en = {key for key in catalogues()["EN"] if key.startswith("history.action.")}
        assert fr == en and fr


class TestDetail:
    def test_the_detail_of_an_entry(self, cast):
        entry = cast["entries"]["MEMBERSHIP_REFUSED", cast["mine"].id]
        detail = history.entry_detail(cast["paul"], entry.id)
        assert detail.entry.actor.id == cast["paul"].id
        assert detail.entry.target_user.id == cast["claire"].id
        assert detail.entry.motif == "Pas de besoin"
        assert detail.comment == "history.action.MEMBERSHIP_REFUSED"
        assert detail.details == {"role": "UTILISATEUR_SIMPLE"}

    def test_the_detail_of_another_structure_is_refused(self, cast):
        entry = cast["entries"]["MEMBERSHIP_VALIDATED", cast["theirs"].id]
        with pytest.raises(PermissionDenied):
            history.entry_detail(cast["paul"], entry.id)
        with pytest.raises(PermissionDenied):
            history.entry_detail(cast["simple"], entry.id)

    def test_an_unknown_entry_is_not_found(self, cast):
        with pytest.raises(NotFound):
            history.entry_detail(cast["paul"], 999999)

    def test_undecodable_details_are_shown_as_they_are(self, cast):
        entry = cast["entries"]["MEMBERSHIP_REFUSED", cast["mine"].id]
        AuditEntry.update(details="not json").where(AuditEntry.id == entry.id).execute()
        assert history.entry_detail(cast["paul"], entry.id).details == {"details": "not json"}


class TestExport:
    def read(self, path) -> list[list[str]]:
        text = path.read_bytes().decode(ENCODING)
        return [line.split(";") for line in text.split("\r\n") if line]

    def test_export_writes_the_filtered_entries(self, cast, tmp_path):
        path = tmp_path / "historique.csv"
        count = history.export_history(
            cast["paul"], path, structure_id=cast["mine"].id, since="22/11/2026"
        )
        assert count == 2
        assert path.read_bytes().startswith(b"\xef\xbb\xbf")
        rows = self.read(path)
        assert rows[0] == LABELS
        identifier = cast["mine"].identifier
        assert rows[1] == [
            "24/11/2026 10:00:00",
            "SIMPLE Sam",
            f"{identifier} Menuiserie Dupont",
            "Something new happened",
            "DUPONT Paul",
            "",
        ]
        assert rows[2][3:] == ["Refusée", "DUPONT Paul", "Pas de besoin"]

    def test_export_refuses_to_overwrite(self, cast, tmp_path):
        path = tmp_path / "historique.csv"
        path.write_text("keep")
        with pytest.raises(ValidationError) as caught:
            history.export_history(cast["paul"], path)
        assert caught.value.fields == {"path": ("file_exists", {})}
        assert path.read_text() == "keep"

    def test_a_refused_export_writes_no_file(self, cast, tmp_path):
        path = tmp_path / "historique.csv"
        with pytest.raises(PermissionDenied):
            history.export_history(cast["simple"], path)
        with pytest.raises(PermissionDenied):
            history.export_history(cast["paul"], path, structure_id=cast["theirs"].id)
        with pytest.raises(ValidationError):
            history.export_history(cast["paul"], path, since="hier")
        assert not path.exists()

    def test_the_details_json_of_the_demo_shape_decodes(self, cast):
        entry = cast["entries"]["MEMBERSHIP_VALIDATED", cast["mine"].id]
        assert history.details_of(entry) == json.loads(entry.details)
