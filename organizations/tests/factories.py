import factory
from django.contrib.auth import get_user_model

from core.text import normalize_unit_name
from organizations.models import Level, Membership, Unit, UnitAlias, UnitGroup

PASSWORD = "pw-Secret-123"  # noqa: S105 - test accounts


class LevelFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Level
        django_get_or_create = ["code"]

    code = factory.Sequence(lambda n: f"level{n}")
    name = factory.Sequence(lambda n: f"Cấp {n}")
    rank = 1


class UnitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Unit

    code = factory.Sequence(lambda n: f"U{n}")
    short_name = factory.Sequence(lambda n: f"Đơn vị {n}")
    kind = "agency"


class UnitAliasFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = UnitAlias

    unit = factory.SubFactory(UnitFactory)
    name = factory.Sequence(lambda n: f"Tên khác {n}")
    normalized = factory.LazyAttribute(lambda o: normalize_unit_name(o.name))


class UnitGroupFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = UnitGroup

    name = factory.Sequence(lambda n: f"Nhóm {n}")
    owner = factory.SubFactory(UnitFactory)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ["username"]
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = "Nguyễn"
    last_name = factory.Sequence(lambda n: f"Văn {n}")
    email = factory.LazyAttribute(lambda o: f"{o.username}@example.gov.vn")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def _save(obj, create, extracted, **kwargs):
        if create:
            obj.save()


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    unit = factory.SubFactory(UnitFactory)
    role = "officer"
