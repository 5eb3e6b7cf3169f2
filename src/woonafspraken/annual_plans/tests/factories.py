import datetime as dt

from woonafspraken.accounts.models import Organisation
from woonafspraken.agreements.models import Agreement, Covenant
from woonafspraken.annual_plans.models import Activity, AnnualPlan
from woonafspraken.annual_plans.services import activity_create, annual_plan_create


def organisation(name: str) -> Organisation:
    exact = Organisation.objects.filter(name=name).first()
    return exact or Organisation.objects.get(name__icontains=name)


def plan(covenant: Covenant, year: int = 2025) -> AnnualPlan:
    return annual_plan_create(covenant=covenant, year=year, user=None)


def activity(
    plan: AnnualPlan,
    number: str = "1.3.5",
    *,
    owner: str = "deltaWonen",
    title: str = "Taakstelling statushouders",
    quarter: int | None = None,
    date: dt.date | None = None,
) -> Activity:
    agreement = Agreement.objects.get(covenant=plan.covenant, number=number)
    return activity_create(
        plan=plan,
        user=None,
        agreement=agreement,
        title=title,
        owners=[organisation(owner)],
        planned_quarter=quarter,
        planned_date=date,
    )
