import { ref } from 'vue';
import { api } from './api';
import { showError } from './form';
import { useSession } from './session';
import { allStations } from './stations';

export interface Street {
  code: string;
  name: string;
  /** Its stations in service. */
  stations: number;
}

/**
 * The node's streets and the active stations of the street a form has chosen, for a form that
 * places something at a street and, optionally, one of its stations (招聘会, 法律援助, 经费, and
 * VenueFields' 关爱物资 and 民生实事; the fields themselves are StreetStationFields), and for a
 * screen that names streets or lists by street (关爱物资).
 * `chosen` reads the form's street. A dialog opened before the streets came (a slow node) gets
 * its street and stations once they are here: `loadStreets(refill)`.
 */
export function useStreetStations(chosen: () => string) {
  const session = useSession();
  const streets = ref<Street[]>([]);
  const stations = ref<Array<{ id: string; name: string }>>([]);
  const streetName = (code: string) => streets.value.find((s) => s.code === code)?.name ?? code;
  /** The officer's street, else the first street with stations ('' until the streets have loaded). */
  const defaultStreet = () => session.officer?.street ?? (streets.value.find((s) => s.stations > 0) ?? streets.value[0])?.code ?? '';

  async function loadStations(): Promise<void> {
    stations.value = [];
    const street = chosen();
    if (!street) return;
    try {
      stations.value = await allStations({ street, status: 'active' });
    } catch (error) {
      showError(error);
    }
  }

  /** Reads the streets; `refill` runs when they are in (the form fills a street it still lacks). */
  async function loadStreets(refill?: () => void): Promise<void> {
    try {
      streets.value = (await api<{ items: Street[] }>('stations', '/streets')).items;
      refill?.();
    } catch (error) {
      showError(error);
    }
  }

  return { streets, stations, streetName, defaultStreet, loadStations, loadStreets };
}
