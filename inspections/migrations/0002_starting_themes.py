"""The starting set of themes for children's social care. Staff edit them
(and their keyword rules) in the admin; this only adds the ones missing."""

from django.db import migrations

THEMES = [
    (
        "Front door and MASH",
        "front-door",
        "Contacts, referrals, thresholds and the multi-agency safeguarding hub.",
        "front door\nMASH\nmulti-agency safeguarding hub\nreferral\nthreshold\ncontacts\nduty, triage and assessment\nDTA team",
    ),
    (
        "Early help",
        "early-help",
        "Help for families before needs reach the threshold for social care.",
        "early help\nearly-help\nEHA",
    ),
    (
        "Child protection",
        "child-protection",
        "Strategy meetings, enquiries, conferences and plans for children at risk of significant harm.",
        "child protection\nstrategy meeting\nstrategy discussion\nsection 47\nsignificant harm\nchild in need",
    ),
    (
        "Disabled children",
        "disabled-children",
        "Support for disabled children and their families.",
        "disabled children\ndisabled child\ndisabilities\ndisability",
    ),
    (
        "Children in care",
        "children-in-care",
        "The experiences and progress of children the local authority looks after.",
        "children in care\nchild in care\nlooked after\ncare planning\nplacement\ncorporate parent",
    ),
    (
        "Care leavers",
        "care-leavers",
        "Support for young people leaving care.",
        "care leaver\npathway plan\npersonal adviser\nstaying put",
    ),
    (
        "Permanence",
        "permanence",
        "Plans for a permanent home: return home, special guardianship, adoption, long-term fostering.",
        "permanence\nadoption\nspecial guardianship\nlater life letter\nlife story",
    ),
    (
        "Fostering",
        "fostering",
        "Recruiting, supporting and supervising foster carers.",
        "foster carer\nfostering\nsupervising social worker",
    ),
    (
        "Missing children and exploitation",
        "missing-and-exploitation",
        "Children who go missing, and criminal or sexual exploitation.",
        "missing from home\ngo missing\ngoes missing\nreturn home interview\nexploitation\ncounty lines\ngang",
    ),
    (
        "Health and wellbeing",
        "health-and-wellbeing",
        "Children's physical health, emotional wellbeing and mental health services.",
        "physical health\nemotional wellbeing\nmental health\nCAMHS\nhealth assessment",
    ),
    (
        "Advocacy",
        "advocacy",
        "Independent advocacy and children's voices being heard.",
        "advocacy\nadvocate\nchildren in care council\nvoice of the child",
    ),
    (
        "Independent reviewing officers",
        "independent-reviewing-officers",
        "The oversight of children's plans by independent reviewing officers.",
        "independent reviewing officer\nIRO",
    ),
    (
        "Leadership and governance",
        "leadership-and-governance",
        "Senior leaders, councillors, corporate parenting and political oversight.",
        "senior leader\nleadership\ndirector of children's services\nDCS\ncorporate parenting board\nlead member\nchief executive",
    ),
    (
        "Performance and quality assurance",
        "performance-and-quality-assurance",
        "Performance information, audits and quality assurance.",
        "performance\nquality assurance\naudit",
    ),
    (
        "Workforce and caseloads",
        "workforce-and-caseloads",
        "Recruitment, retention, agency staff, training and caseloads.",
        "caseload\nworkforce\nagency staff\nturnover\nrecruitment\nretention\ntraining\nnewly qualified",
    ),
    (
        "Supervision and management oversight",
        "supervision-and-oversight",
        "Supervision of social workers and managers' oversight of cases.",
        "supervision\nmanagement oversight\nmanagerial oversight\nfrontline managers",
    ),
    (
        "Partnership working",
        "partnership-working",
        "Work with police, health, schools and other partner agencies.",
        "partner\npolice\nschools\nhealth partners\npartnership",
    ),
    (
        "Out-of-hours service",
        "out-of-hours",
        "Help and protection outside office hours: the emergency duty team.",
        "out of hours\nout-of-hours\nemergency duty team\nEDT",
    ),
]


def add_themes(apps, schema_editor):
    Theme = apps.get_model("inspections", "Theme")
    for name, slug, description, keywords in THEMES:
        Theme.objects.get_or_create(
            slug=slug, defaults={"name": name, "description": description, "keywords": keywords}
        )


class Migration(migrations.Migration):
    dependencies = [("inspections", "0001_initial")]

    operations = [migrations.RunPython(add_themes, migrations.RunPython.noop)]
