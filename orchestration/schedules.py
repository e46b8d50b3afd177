import dagster as dg

from orchestration.jobs import warehouse_build

daily_build = dg.ScheduleDefinition(
    name="daily_build", job=warehouse_build, cron_schedule="0 3 * * *",
    execution_timezone="Asia/Shanghai",
    description="Daily rebuild at 03:00 China time; a no-op extraction when nothing changed.",
)
