import factory

from woonafspraken.housing.constants import FigureSource, Segment
from woonafspraken.housing.models import Project, ProjectYear, Withdrawal


class ProjectFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Project

    name = factory.Sequence(lambda n: f"Locatie {n}")
    owner = factory.SelfAttribute("organisation")
    segment = Segment.SOCIAL_RENT
    source = FigureSource.FORM

    class Params:
        market = factory.Trait(segment=Segment.OTHER)


class ProjectYearFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProjectYear

    project = factory.SubFactory(ProjectFactory)
    year = 2024
    planned = 10


class WithdrawalFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Withdrawal

    owner = factory.SelfAttribute("corporation")
    year = 2024
    kind = "sale"
    planned = 5
    source = FigureSource.FORM
