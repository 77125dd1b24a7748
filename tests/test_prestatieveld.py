import pytest
from hypothesis import given
from hypothesis import strategies as st

from sociaaldomein import Prestatieveld, SociaaldomeinError, UnknownNameError


def test_nine_fields_numbered_as_in_the_act():
    assert [field.value for field in Prestatieveld] == list(range(1, 10))
    assert Prestatieveld(4).text == "het ondersteunen van mantelzorgers en vrijwilligers"
    assert Prestatieveld(7).text == "maatschappelijke opvang, waaronder vrouwenopvang"


@pytest.mark.parametrize(
    ("text", "number"),
    [
        # As the Holland Rijnland overviews write them: leading number, "de", trailing space.
        (
            "1. het bevorderen van de sociale samenhang in en leefbaarheid van dorpen, wijken"
            " en buurten ",
            1,
        ),
        ("3. het geven van informatie, advies en cliëntondersteuning", 3),
        (
            "5. het bevorderen van de deelname aan het maatschappelijke verkeer en van het"
            " zelfstandig functioneren van mensen met een beperking of een chronisch psychisch"
            " probleem en van mensen met een psychosociaal probleem",
            5,
        ),
        (
            "6. het verlenen van voorzieningen aan mensen met een beperking of een chronisch"
            " psychisch probleem en aan mensen met een psychosociaal probleem ten behoeve van het"
            " behoud van hun zelfstandig functioneren of hun deelname aan het maatschappelijke"
            " verkeer",
            6,
        ),
        # As the Kampen plan names its field.
        ("Sociale samenhang/leefbaarheid in wijk en buurt", 1),
        ("HET ONDERSTEUNEN VAN   MANTELZORGERS EN VRIJWILLIGERS", 4),
        ("9", 9),
    ],
)
def test_lookup_by_text_as_the_seeds_write_it(text, number):
    assert Prestatieveld.lookup(text) is Prestatieveld(number)


@pytest.mark.parametrize("bad", [10, 0, -1, "10. iets anders", "fietspaden", ""])
def test_unknown_field_lists_the_valid_ones(bad):
    with pytest.raises(UnknownNameError) as caught:
        Prestatieveld.lookup(bad)
    assert "9. het bevorderen van verslavingsbeleid" in str(caught.value)
    assert isinstance(caught.value, SociaaldomeinError)


def test_number_that_contradicts_its_text_is_an_error():
    with pytest.raises(UnknownNameError, match="past niet bij de tekst"):
        Prestatieveld.lookup("2. het ondersteunen van mantelzorgers en vrijwilligers")


@given(st.sampled_from(list(Prestatieveld)), st.sampled_from(["", "  ", "\t"]), st.booleans())
def test_every_text_finds_its_field(field, padding, numbered):
    text = f"{padding}{field.value}. {field.text.upper()}{padding}" if numbered else field.text
    assert Prestatieveld.lookup(text) is field
    assert Prestatieveld.lookup(field.short_name) is field
