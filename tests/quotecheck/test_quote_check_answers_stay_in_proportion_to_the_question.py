"""A check's answer stays in proportion to the text asked about: a passage
that is not found lists its closest paragraphs as the page does (where and
how similar, the paragraph itself), not every word in which each differs.
Fifty passages of common words once made a 17 KB request answer 2 MB."""

import json

import pytest
from django.core.management import call_command

pytestmark = pytest.mark.django_db

COMMON = " ".join(["the children social workers plans"] * 10)


@pytest.fixture
def record():
    call_command("load_records", verbosity=0)


def check(client, text):
    response = client.post(
        "/check/?format=json", data=json.dumps({"text": text}), content_type="application/json"
    )
    assert response.status_code == 200
    return response


def test_fifty_passages_not_found_get_an_answer_of_proportionate_size(client, record):
    text = "\n".join(f"“{COMMON} {n}”" for n in range(50))
    response = check(client, text)
    answer = json.loads(response.content)
    assert all(r["verdict"] == "not_found" for r in answer["results"])
    assert any(r["closest"] for r in answer["results"])
    # Three closest paragraphs a passage, each about a kilobyte: well under
    # 20 bytes answered for each byte asked.
    assert len(response.content) < 20 * len(text.encode())
    for result in answer["results"]:
        for candidate in result["closest"]:
            assert "differences" not in candidate
            assert candidate["paragraph"] and candidate["permalink"]


def test_a_passage_that_is_found_still_lists_its_differences(client, record):
    from inspections.models import Finding

    paragraph = Finding.objects.filter(paragraph_number__isnull=False).first().text
    words = paragraph.split()
    words[3] = words[3] + "s" if not words[3].endswith("s") else words[3][:-1]
    answer = json.loads(check(client, f"“{' '.join(words[:40])}”").content)
    match = answer["results"][0]["matches"][0]
    assert match["differences"]
    assert "matched_text" in match
