import { allKeysetPages, type KeysetPage, keysetPagePath } from '@ws/contracts';
import type { OfficerTokenMinter } from '@ws/kernel';
import { requestJson } from '@ws/platform';
import type { JsonResponse } from '@ws/platform';

/** A volunteer as the board lists it (GET /volunteers). */
export interface BoardVolunteer {
  volunteerId: string;
  homeStreet: string;
  type: string;
}

/** A shift as the rota lists it (GET /shifts). */
export interface DemoShift {
  shiftId: string;
  volunteerId: string;
  startsAt: string;
  endsAt: string;
  status: string;
}

/** Officer and volunteer calls to one dispatch service; volunteers log in with a fresh access code. */
export class DemoApi {
  private readonly volunteerTokens = new Map<string, Promise<string>>();

  constructor(
    private readonly base: string,
    readonly districtCode: string,
    private readonly officerTokens: OfficerTokenMinter,
  ) {}

  async officer(method: string, path: string, body?: unknown): Promise<JsonResponse> {
    const token = await this.officerTokens({ subject: 'demo-dispatch-loader', role: 'district_officer', node: this.districtCode });
    return requestJson(this.base, method, path, { token, body });
  }

  async asVolunteer(volunteerId: string, method: string, path: string, body?: unknown): Promise<JsonResponse> {
    let token = this.volunteerTokens.get(volunteerId);
    if (!token) {
      token = this.login(volunteerId);
      this.volunteerTokens.set(volunteerId, token);
    }
    return requestJson(this.base, method, path, { token: await token, body });
  }

  /** The district's active volunteers, every page of GET /volunteers. */
  async activeVolunteers(): Promise<BoardVolunteer[]> {
    const board: BoardVolunteer[] = [];
    let after: string | null = null;
    do {
      const answer = await this.officer('GET', `/volunteers?status=active&limit=200${after ? `&after=${encodeURIComponent(after)}` : ''}`);
      if (answer.status !== 200) throw new Error(`the volunteer board: ${answer.status} ${JSON.stringify(answer.body)}`);
      const body = answer.body as { items: BoardVolunteer[]; next: string | null };
      board.push(...body.items);
      after = body.next;
    } while (after);
    return board;
  }

  /** The volunteer board lags registration by a moment: wait until it lists everyone. */
  async waitForVolunteers(expected: number): Promise<BoardVolunteer[]> {
    for (let attempt = 0; ; attempt++) {
      const board = await this.activeVolunteers();
      if (board.length >= expected || attempt >= 100) return board;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }

  /** The station's shifts in `range` (`from=…&to=…`), every page of GET /shifts. */
  async shifts(stationId: string, range: string): Promise<DemoShift[]> {
    return allKeysetPages(async (after) => {
      const answer = await this.officer('GET', keysetPagePath(`/shifts?stationId=${stationId}&${range}`, after));
      if (answer.status !== 200) throw new Error(`the rota: ${answer.status} ${JSON.stringify(answer.body)}`);
      return answer.body as KeysetPage<DemoShift>;
    });
  }

  async waitForShifts(stationId: string, range: string): Promise<DemoShift[]> {
    for (let attempt = 0; ; attempt++) {
      const rota = await this.shifts(stationId, range);
      if (rota.length > 0 || attempt >= 50) return rota;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }

  private async login(volunteerId: string): Promise<string> {
    const code = await this.officer('POST', `/volunteers/${volunteerId}/access-code`);
    if (code.status !== 201) throw new Error(`demo volunteer access code: ${code.status} ${JSON.stringify(code.body)}`);
    const session = await requestJson(this.base, 'POST', '/volunteer-sessions', { body: { volunteerId, accessCode: code.body.accessCode } });
    return session.body.token as string;
  }
}

