from rest_framework import serializers

from organizations.models import Level, Membership, Unit, UnitGroup


class LevelSerializer(serializers.ModelSerializer):
    class Meta:
        model = Level
        fields = ["id", "code", "name", "rank", "active_to"]


class UnitSerializer(serializers.ModelSerializer):
    aliases = serializers.SlugRelatedField(many=True, read_only=True, slug_field="name")
    kind_display = serializers.CharField(source="get_kind_display", read_only=True)

    class Meta:
        model = Unit
        fields = [
            "id",
            "code",
            "short_name",
            "full_name",
            "parent",
            "level",
            "kind",
            "kind_display",
            "email",
            "active_from",
            "active_to",
            "successor",
            "aliases",
        ]


class UnitGroupSerializer(serializers.ModelSerializer):
    member_ids = serializers.SerializerMethodField()

    class Meta:
        model = UnitGroup
        fields = [
            "id",
            "name",
            "aliases",
            "owner",
            "rule_parent",
            "rule_kind",
            "rule_level",
            "rule_direct_children_only",
            "members",
            "member_ids",
        ]
        read_only_fields = ["member_ids"]

    def get_member_ids(self, group) -> list[int]:
        from organizations.selectors import unit_group_members

        return list(unit_group_members(group).values_list("pk", flat=True))


class MembershipSerializer(serializers.ModelSerializer):
    username = serializers.CharField(source="user.username", read_only=True)
    full_name = serializers.CharField(source="user.get_full_name", read_only=True)

    class Meta:
        model = Membership
        fields = ["id", "user", "username", "full_name", "unit", "role", "position", "is_active"]
