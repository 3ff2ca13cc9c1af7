import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { MeetingDateOption } from '../meetings/date-option.entity';
import { Invitation } from '../meetings/invitation.entity';
import { Meeting } from '../meetings/meeting.entity';
import { WorkPlanItem } from '../work-plan/work-plan-item.entity';

@Injectable()
export class ActionRepository {
  constructor(private readonly dataSource: DataSource) {}

  meeting(id: string): Promise<Meeting | null> {
    return this.dataSource.manager.findOneBy(Meeting, { id });
  }

  invitation(meetingId: string, memberId: string): Promise<Invitation | null> {
    return this.dataSource.manager.findOneBy(Invitation, { meetingId, memberId });
  }

  dateOption(meetingId: string, id: string): Promise<MeetingDateOption | null> {
    return this.dataSource.manager.findOneBy(MeetingDateOption, { id, meetingId });
  }

  itemWithResponsible(id: string): Promise<WorkPlanItem | null> {
    return this.dataSource.manager.findOne(WorkPlanItem, {
      where: { id },
      relations: { responsibleMembers: true, executorMember: true },
    });
  }
}
