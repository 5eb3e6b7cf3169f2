import factory

from woonafspraken.accounts.constants import OrganisationKind, Role
from woonafspraken.accounts.models import Organisation, User

TEST_PASSWORD = "correct-horse-battery-staple"  # noqa: S105  (test accounts only)


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Woonstichting Voorbeeld {n}")
    kind = OrganisationKind.CORPORATION

    class Params:
        municipality = factory.Trait(
            kind=OrganisationKind.MUNICIPALITY, name=factory.Sequence(lambda n: f"Gemeente Voorbeeld {n}")
        )
        tenants = factory.Trait(
            kind=OrganisationKind.TENANT_ORGANISATION,
            name=factory.Sequence(lambda n: f"Huurdersvereniging {n}"),
        )


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = "Test"
    last_name = factory.Sequence(lambda n: f"Gebruiker {n}")
    organisation = factory.SubFactory(OrganisationFactory)
    role = Role.READER
    password = factory.PostGenerationMethodCall("set_password", TEST_PASSWORD)

    class Params:
        editor = factory.Trait(role=Role.EDITOR)
        coordinator = factory.Trait(role=Role.COORDINATOR)
        administrator = factory.Trait(role=Role.ADMINISTRATOR)

    @factory.post_generation
    def save_password(obj: User, create: bool, extracted: object, **kwargs: object) -> None:  # noqa: N805
        if create:
            obj.save()
