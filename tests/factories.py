"""Factories for test records. Names are fictional on purpose: tests must
never put invented facts about real councils or people on a page."""

import datetime

import factory

from core.choices import Status
from inspections.choices import Area, Grade, InspectionKind, Section
from inspections.models import Finding, Inspection, Judgement, LocalAuthority, Theme
from people.models import Official, Post, Role
from quotes.models import Source, SourceKind, Statement


class LocalAuthorityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = LocalAuthority

    name = factory.Sequence(lambda n: f"Exampleshire {n}")
    slug = factory.Sequence(lambda n: f"exampleshire-{n}")
    official_name = factory.LazyAttribute(lambda o: f"{o.name} County Council")
    region = "SE"
    # On the DfE's list, as the reference import makes them (and so public:
    # LocalAuthorityQuerySet.public()). "Z" and two base-36 digits: no real
    # code, unique for 1,296 authorities a test.
    la_code = factory.Sequence(
        lambda n: (
            "Z"
            + "0123456789abcdefghijklmnopqrstuvwxyz"[n // 36 % 36]
            + "0123456789abcdefghijklmnopqrstuvwxyz"[n % 36]
        )
    )


class ThemeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Theme
        django_get_or_create = ["slug"]

    name = factory.Sequence(lambda n: f"Test theme {n}")
    slug = factory.Sequence(lambda n: f"test-theme-{n}")


class InspectionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Inspection

    authority = factory.SubFactory(LocalAuthorityFactory)
    kind = InspectionKind.ILACS_STANDARD
    start_date = factory.Sequence(lambda n: datetime.date(2020, 1, 6) + datetime.timedelta(weeks=n))
    end_date = factory.LazyAttribute(lambda o: o.start_date + datetime.timedelta(days=11))
    published_on = factory.LazyAttribute(lambda o: o.end_date + datetime.timedelta(days=40))
    lead_inspector = "Alex Example"
    overall_grade = Grade.GOOD
    summary = "A fictional summary for tests."
    status = Status.PUBLISHED


class JudgementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Judgement

    inspection = factory.SubFactory(InspectionFactory)
    area = Area.IMPACT_OF_LEADERS
    grade = Grade.GOOD


class FindingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Finding
        skip_postgeneration_save = True

    inspection = factory.SubFactory(InspectionFactory)
    section = Section.HELP_AND_PROTECTION
    paragraph_number = factory.Sequence(lambda n: n + 1)
    order = factory.LazyAttribute(lambda o: o.paragraph_number or 0)
    text = factory.Sequence(lambda n: f"Fictional finding number {n} for tests.")

    @factory.post_generation
    def themes(self, create, extracted, **kwargs):
        if create and extracted:
            self.themes.set(extracted)


class OfficialFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Official

    name = factory.Sequence(lambda n: f"Test Official {n}")
    slug = factory.Sequence(lambda n: f"test-official-{n}")
    status = Status.PUBLISHED


class PostFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Post

    official = factory.SubFactory(OfficialFactory)
    authority = factory.SubFactory(LocalAuthorityFactory)
    title = "Director of children's services"
    role = Role.DCS
    start_date = datetime.date(2019, 1, 1)


class SourceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Source

    kind = SourceKind.PRESS_RELEASE
    title = factory.Sequence(lambda n: f"Fictional press release {n}")
    publisher = "Exampleshire County Council"
    url = factory.Sequence(lambda n: f"https://example.org/news/{n}")
    published_on = datetime.date(2020, 3, 1)


class StatementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Statement
        skip_postgeneration_save = True

    official = factory.SubFactory(OfficialFactory)
    text = factory.Sequence(lambda n: f"A fictional statement number {n}.")
    said_on = datetime.date(2020, 3, 2)
    source = factory.SubFactory(SourceFactory)
    context = "Said in a fictional test."
    status = Status.PUBLISHED

    @factory.post_generation
    def themes(self, create, extracted, **kwargs):
        if create and extracted:
            self.themes.set(extracted)
